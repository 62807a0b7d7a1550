-- Reconciliation asks WeChat Pay about refunds it accepted whose notify has not come:
-- checked_at says when it last asked, so that each is asked once per interval and one
-- instance claims it.
ALTER TABLE refund
  ADD COLUMN checked_at TIMESTAMP(3) NULL DEFAULT NULL AFTER submitted,
  ADD KEY idx_refund_unconfirmed (status, checked_at);
