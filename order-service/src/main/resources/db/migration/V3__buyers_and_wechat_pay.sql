-- The buyers' openids, copied from auth-service's auth.WeChatOpenidLinked.v1 events: WeChat
-- Pay's JSAPI prepay needs the payer's openid for the mini-program (app id), and this
-- service never asks auth-service for it.
CREATE TABLE buyer (
  user_id   BIGINT       NOT NULL,
  app_id    VARCHAR(32)  NOT NULL,
  openid    VARCHAR(128) NOT NULL,
  linked_at TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (user_id, app_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The prepay order WeChat Pay opened for an order: paying again answers the same one.
ALTER TABLE payment ADD COLUMN prepay_id VARCHAR(64) NULL AFTER provider;
