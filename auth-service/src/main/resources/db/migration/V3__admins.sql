-- Admins are users with the ADMIN role who log in with a password instead of WeChat:
-- their rows have no openid, and their credentials live apart from the profile.
ALTER TABLE app_user MODIFY openid VARCHAR(64) NULL;
ALTER TABLE app_user ADD COLUMN roles VARCHAR(64) NOT NULL DEFAULT 'USER';

CREATE TABLE admin_credential (
  user_id       BIGINT       NOT NULL,
  username      VARCHAR(64)  NOT NULL,
  -- bcrypt, never the password
  password_hash VARCHAR(100) NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id),
  UNIQUE KEY uk_admin_credential_username (username),
  CONSTRAINT fk_admin_credential_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
