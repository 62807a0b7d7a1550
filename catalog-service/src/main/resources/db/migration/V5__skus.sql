-- A product is sold as one or more SKUs (stock-keeping units), each with its own
-- specification (颜色: 红, 尺码: L), price and stock. product.price_fen and product.stock
-- stay as the lowest SKU price and the sum of SKU stock: every writer of a SKU changes
-- them in the same transaction, after locking the product row first (see StockService
-- and ProductService), so the list and the product page read one row as before.
CREATE TABLE sku (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  product_id BIGINT        NOT NULL,
  -- the specification as a JSON object of strings, in the admin's order; {} for the one
  -- SKU of a product without specifications. Unique per product, checked by the admin
  -- write under the product's row lock (the order of keys is not significant there)
  specs      VARCHAR(1000) NOT NULL DEFAULT '{}',
  price_fen  BIGINT        NOT NULL,
  stock      INT           NOT NULL DEFAULT 0,
  created_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT ck_sku_price CHECK (price_fen > 0),
  CONSTRAINT ck_sku_stock CHECK (stock >= 0),
  -- a product's SKUs in id order; also serves the foreign key
  KEY idx_sku_product (product_id, id),
  CONSTRAINT fk_sku_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- every product so far is its one SKU without specifications
INSERT INTO sku (product_id, specs, price_fen, stock)
SELECT id, '{}', price_fen, stock FROM product ORDER BY id;

-- reservations are per SKU now; those made before are of the product's one SKU. The
-- CLOSED marker keeps product_id 0 and gets sku_id 0.
ALTER TABLE stock_reservation ADD COLUMN sku_id BIGINT NOT NULL DEFAULT 0 AFTER product_id;

UPDATE stock_reservation r JOIN sku s ON s.product_id = r.product_id SET r.sku_id = s.id;

ALTER TABLE stock_reservation DROP PRIMARY KEY, ADD PRIMARY KEY (order_id, sku_id);
