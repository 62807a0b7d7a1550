-- WeChat's media check of user uploads (media_check_async; the result arrives by the
-- message push). review_status: TRUSTED (admin uploads, and files from before the check),
-- PENDING (served to its owner only), PASSED, REJECTED (never served again: 410).
-- review_token lets WeChat download a PENDING file (the media_url it is given);
-- review_requested_at claims a request (one instance asks) and dates it for the sweep
-- that asks again when a request failed or its result never came.
ALTER TABLE stored_file
  ADD COLUMN review_status VARCHAR(16) NOT NULL DEFAULT 'TRUSTED',
  ADD COLUMN review_token CHAR(43) NULL,
  ADD COLUMN review_trace_id VARCHAR(128) NULL,
  ADD COLUMN review_requested_at TIMESTAMP(3) NULL,
  ADD COLUMN reviewed_at TIMESTAMP(3) NULL,
  ADD UNIQUE KEY uk_stored_file_review_trace (review_trace_id),
  ADD KEY idx_stored_file_review_due (review_status, review_requested_at);

-- The uploaders' openids, copied from auth-service's auth.WeChatOpenidLinked.v1: WeChat's
-- media check needs the uploader's openid, and this service never asks auth-service.
CREATE TABLE uploader (
  user_id   BIGINT       NOT NULL,
  app_id    VARCHAR(32)  NOT NULL,
  openid    VARCHAR(128) NOT NULL,
  linked_at TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (user_id, app_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
