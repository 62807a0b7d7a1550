-- What catalog reserved for each order, so a cancel or an expiry returns exactly that,
-- once. One row per order line; status RESERVED -> RELEASED (returned) or SOLD (paid).
-- An order closed before anything was reserved for it gets a CLOSED marker row
-- (product_id 0), so a late OrderPlaced for it (replayed from a dead-letter topic, say)
-- reserves nothing.
CREATE TABLE stock_reservation (
  order_id   VARCHAR(64)  NOT NULL,
  product_id BIGINT       NOT NULL,
  quantity   INT          NOT NULL,
  price_fen  BIGINT       NOT NULL,
  status     VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (order_id, product_id),
  CONSTRAINT ck_stock_reservation_status CHECK (status IN ('RESERVED', 'RELEASED', 'SOLD', 'CLOSED')),
  CONSTRAINT ck_stock_reservation_quantity CHECK (quantity >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
