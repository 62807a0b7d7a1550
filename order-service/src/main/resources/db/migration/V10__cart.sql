-- The cart (ADR 14): what each buyer means to order, one row per SKU. User state, kept
-- with the orders so that checkout takes the ordered rows out in the transaction that
-- places the order. Every query names the user: WHERE user_id = ? [AND sku_id = ?].
-- The cart row is what an add locks first (INSERT ... ON DUPLICATE KEY UPDATE), so the
-- limit of items holds under concurrent adds; locking the user's item rows instead
-- (SELECT ... FOR UPDATE) takes gap locks that two adds to an empty cart both hold, and
-- their inserts then deadlock.
CREATE TABLE cart (
  user_id    BIGINT       NOT NULL,
  changed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE cart_item (
  user_id    BIGINT       NOT NULL,
  sku_id     VARCHAR(64)  NOT NULL,
  quantity   INT          NOT NULL,
  added_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id, sku_id),
  CONSTRAINT ck_cart_item_quantity CHECK (quantity BETWEEN 1 AND 999)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- order-service's copy of catalog's products and SKUs (ADR 14), fed by
-- catalog.ProductChanged.v1: what the cart shows as today's name, specs and price.
-- version is catalog's product version: an older event applied late changes nothing.
CREATE TABLE catalog_product (
  product_id VARCHAR(64)  NOT NULL,
  name       VARCHAR(128) NOT NULL,
  status     VARCHAR(16)  NOT NULL,
  version    BIGINT       NOT NULL,
  PRIMARY KEY (product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE catalog_sku (
  sku_id     VARCHAR(64)   NOT NULL,
  product_id VARCHAR(64)   NOT NULL,
  specs      VARCHAR(1000) NOT NULL,
  price_fen  BIGINT        NOT NULL,
  PRIMARY KEY (sku_id),
  -- a product's SKUs, replaced whole by each of its events
  KEY idx_catalog_sku_product (product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
