-- The saga's state on the order: when an unpaid order expires, why it was rejected or
-- cancelled, and when it was paid. Both timestamps come from the database clock, so
-- every instance's expiry sweep agrees on what is due.
ALTER TABLE orders
  ADD COLUMN expires_at TIMESTAMP(3) NULL DEFAULT NULL AFTER remark,
  ADD COLUMN paid_at    TIMESTAMP(3) NULL DEFAULT NULL AFTER expires_at,
  ADD COLUMN reason     VARCHAR(32)  NULL DEFAULT NULL AFTER status,
  ADD CONSTRAINT ck_orders_status
    CHECK (status IN ('PENDING', 'AWAITING_PAYMENT', 'REJECTED', 'PAID', 'CANCELLED')),
  -- the expiry sweep: WHERE status IN ('PENDING', 'AWAITING_PAYMENT') AND expires_at <= now
  ADD KEY idx_orders_expiry (status, expires_at);

ALTER TABLE order_item
  ADD CONSTRAINT uk_order_item_product UNIQUE (order_id, product_id);

-- order_item.product_id is catalog's id, opaque to this service
ALTER TABLE order_item MODIFY product_id VARCHAR(64) NOT NULL;

-- One row per (user, Idempotency-Key), inserted first in the placing transaction: a
-- concurrent duplicate waits on this row's lock and then finds the first order.
CREATE TABLE idempotency_key (
  user_id      BIGINT       NOT NULL,
  idem_key     VARCHAR(64)  NOT NULL,
  request_hash CHAR(64)     NOT NULL,
  order_id     BIGINT       NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id, idem_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One payment per order: the provider's prepay answer (handed to the mini-program's
-- wx.requestPayment) and, once paid, the provider's transaction id, unique, so a paid
-- notification applied twice changes nothing.
CREATE TABLE payment (
  order_id       BIGINT       NOT NULL,
  provider       VARCHAR(32)  NOT NULL,
  amount_fen     BIGINT       NOT NULL,
  prepay_params  TEXT         NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  transaction_id VARCHAR(64)  NULL,
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  paid_at        TIMESTAMP(3) NULL DEFAULT NULL,
  PRIMARY KEY (order_id),
  UNIQUE KEY uk_payment_transaction (transaction_id),
  CONSTRAINT ck_payment_status CHECK (status IN ('PREPAID', 'PAID', 'REFUND_DUE')),
  CONSTRAINT fk_payment_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
