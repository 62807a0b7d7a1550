-- Delivery addresses (ADR 12): a user's book holds at most 20 addresses and exactly one
-- default, the column default_address_id. Every change of a user's addresses locks the
-- book row first, so the limit and the one default hold under concurrent requests.
CREATE TABLE address_book (
  user_id            BIGINT NOT NULL,
  default_address_id BIGINT NULL,
  PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE address (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  user_id    BIGINT       NOT NULL,
  name       VARCHAR(32)  NOT NULL,
  phone      VARCHAR(24)  NOT NULL,
  province   VARCHAR(32)  NOT NULL,
  city       VARCHAR(32)  NOT NULL,
  district   VARCHAR(32)  NOT NULL,
  detail     VARCHAR(120) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  -- a user's addresses, and one of them by id: WHERE user_id = ? [AND id = ?]
  KEY idx_address_user (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Where an order goes, copied from the buyer's address at placement: editing or
-- deleting the address later does not move the order. No row: placed without one (it
-- can be paid, not shipped).
CREATE TABLE order_address (
  order_id BIGINT       NOT NULL,
  name     VARCHAR(32)  NOT NULL,
  phone    VARCHAR(24)  NOT NULL,
  province VARCHAR(32)  NOT NULL,
  city     VARCHAR(32)  NOT NULL,
  district VARCHAR(32)  NOT NULL,
  detail   VARCHAR(120) NOT NULL,
  PRIMARY KEY (order_id),
  CONSTRAINT fk_order_address_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
