-- Mini-program users, one per WeChat openid of this app. utf8mb4 so nicknames may hold emoji.
CREATE TABLE app_user (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  openid     VARCHAR(64)  NOT NULL,
  unionid    VARCHAR(64)  NULL,
  nickname   VARCHAR(64)  NOT NULL DEFAULT '',
  avatar_url VARCHAR(512) NOT NULL DEFAULT '',
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_app_user_openid (openid),
  KEY idx_app_user_unionid (unionid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
