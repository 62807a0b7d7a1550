-- Orders and their lines. Prices are integer fen, copied at reservation time.
CREATE TABLE orders (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  user_id    BIGINT       NOT NULL,
  status     VARCHAR(24)  NOT NULL,
  total_fen  BIGINT       NOT NULL DEFAULT 0,
  remark     VARCHAR(200) NOT NULL DEFAULT '',
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  -- a user's orders, newest first, optionally by status
  KEY idx_orders_user (user_id, id),
  KEY idx_orders_user_status (user_id, status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE order_item (
  order_id   BIGINT       NOT NULL,
  line_no    INT          NOT NULL,
  product_id BIGINT       NOT NULL,
  name       VARCHAR(128) NOT NULL DEFAULT '',
  price_fen  BIGINT       NOT NULL DEFAULT 0,
  quantity   INT          NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT fk_order_item_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
