-- Refunds of a paid order, partial or whole, never more than was paid in total: a new
-- refund is inserted while the order's payment row is locked, against the sum of the
-- refunds that count (PROCESSING, SUCCESS). submitted says WeChat Pay accepted it;
-- reconciliation sends those it did not (the same out_refund_no refunds once).
CREATE TABLE refund (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  order_id         BIGINT       NOT NULL,
  amount_fen       BIGINT       NOT NULL,
  reason           VARCHAR(80)  NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  submitted        BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY idx_refund_order (order_id),
  KEY idx_refund_unsubmitted (submitted, created_at),
  CONSTRAINT ck_refund_status CHECK (status IN ('PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL')),
  CONSTRAINT ck_refund_amount CHECK (amount_fen > 0),
  CONSTRAINT fk_refund_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE orders
  DROP CONSTRAINT ck_orders_status,
  ADD CONSTRAINT ck_orders_status CHECK (status IN ('PENDING', 'AWAITING_PAYMENT', 'REJECTED', 'PAID',
    'CANCELLED', 'REFUNDING', 'REFUNDED'));
