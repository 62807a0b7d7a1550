-- Metadata of stored files; the bytes live in the storage backend under storage_key,
-- which derives from the content hash (identical uploads are stored once).
CREATE TABLE stored_file (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  owner_id      BIGINT       NOT NULL,
  sha256        CHAR(64)     NOT NULL,
  storage_key   VARCHAR(128) NOT NULL,
  content_type  VARCHAR(32)  NOT NULL,
  size_bytes    BIGINT       NOT NULL,
  width         INT          NULL,
  height        INT          NULL,
  original_name VARCHAR(255) NOT NULL DEFAULT '',
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY idx_stored_file_sha256 (sha256),
  KEY idx_stored_file_owner (owner_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
