-- After-sales (api.md, Fulfilment): a buyer's request of a paid, shipped or completed
-- order, REQUESTED until the shop APPROVES it (its refund starts, refund_id names it) or
-- REJECTS it (reject_reason). Every decision is UPDATE ... WHERE status = 'REQUESTED':
-- of two admins deciding at once one wins. open_order_id is the order while the request
-- is open, NULL after: its unique key keeps one open after-sale per order even when two
-- requests commit at once.
CREATE TABLE after_sale (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  order_id       BIGINT        NOT NULL,
  user_id        BIGINT        NOT NULL,
  status         VARCHAR(16)   NOT NULL DEFAULT 'REQUESTED',
  reason         VARCHAR(200)  NOT NULL,
  amount_fen     BIGINT        NOT NULL,
  -- up to 9 file-service ids (22 characters of base64url, never a comma), comma-separated
  image_file_ids VARCHAR(255)  NOT NULL DEFAULT '',
  reject_reason  VARCHAR(200)  NULL,
  -- the refund's id as the API shows it (RF + 18 digits)
  refund_id      VARCHAR(32)   NULL,
  open_order_id  BIGINT GENERATED ALWAYS AS (CASE WHEN status = 'REQUESTED' THEN order_id END) STORED,
  created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_after_sale_open (open_order_id),
  -- an order's after-sales (the buyer's list); also serves the foreign key
  KEY idx_after_sale_order (order_id, id),
  -- the admin's list of one status, newest first
  KEY idx_after_sale_status (status, id),
  CONSTRAINT ck_after_sale_status CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED')),
  CONSTRAINT ck_after_sale_amount CHECK (amount_fen > 0),
  CONSTRAINT fk_after_sale_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
