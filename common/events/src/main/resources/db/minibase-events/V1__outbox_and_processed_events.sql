-- Events waiting to be published: written in the same transaction as the change they
-- describe, published by the relay, then kept a while for inspection and purged.
CREATE TABLE outbox (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  event_id     CHAR(36)     NOT NULL,
  topic        VARCHAR(128) NOT NULL,
  event_type   VARCHAR(128) NOT NULL,
  subject      VARCHAR(128) NOT NULL,
  payload      LONGTEXT     NOT NULL,
  traceparent  VARCHAR(64)  NULL,
  tracestate   VARCHAR(512) NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  published_at TIMESTAMP(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_outbox_event (event_id),
  -- the relay reads unpublished rows in id order; the purge reads old published ones
  KEY idx_outbox_published (published_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Events a consumer has applied, recorded in the same transaction as the effect, so a
-- redelivered event changes nothing.
CREATE TABLE processed_event (
  consumer     VARCHAR(64)  NOT NULL,
  event_id     CHAR(36)     NOT NULL,
  processed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (consumer, event_id),
  KEY idx_processed_event_at (processed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
