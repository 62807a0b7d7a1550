-- Keys that sign access tokens, shared by every instance. The newest ACTIVE key signs;
-- every key that is not RETIRED is published in the JWKS so tokens signed before a
-- rotation keep verifying until they expire.
-- The private key is PKCS#8, base64, stored as is: this schema is readable by
-- auth-service only, and a key-encryption key kept next to it (in the same schema) would
-- add nothing. It is never logged and never leaves the service.
CREATE TABLE signing_key (
  kid         VARCHAR(64)  NOT NULL,
  algorithm   VARCHAR(16)  NOT NULL,
  public_key  TEXT         NOT NULL,
  private_key TEXT         NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  retired_at  TIMESTAMP(3) NULL,
  PRIMARY KEY (kid),
  KEY idx_signing_key_status (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Secrets the service generates for itself when the environment gives none (today: the
-- AES key that encrypts WeChat session keys in Redis), kept here so every instance uses
-- the same one and a restart keeps it.
CREATE TABLE service_secret (
  name       VARCHAR(64)  NOT NULL,
  secret     VARCHAR(256) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
