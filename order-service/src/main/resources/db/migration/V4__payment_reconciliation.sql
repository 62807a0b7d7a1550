-- Reconciliation asks WeChat Pay about payments still PREPAID: it closes those of orders
-- that were cancelled or expired, and applies those paid whose notify never came.
-- checked_at says when it last asked, so that each is asked once per interval (and one
-- instance claims it); CLOSED is a payment closed at WeChat Pay, never to be paid.
ALTER TABLE payment
  ADD COLUMN checked_at TIMESTAMP(3) NULL DEFAULT NULL AFTER paid_at,
  DROP CONSTRAINT ck_payment_status,
  ADD CONSTRAINT ck_payment_status CHECK (status IN ('PREPAID', 'PAID', 'REFUND_DUE', 'CLOSED')),
  ADD KEY idx_payment_unsettled (status, checked_at);
