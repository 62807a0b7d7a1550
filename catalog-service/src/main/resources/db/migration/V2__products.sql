-- Products of the catalog. Prices are integer fen; stock never goes below zero (the
-- CHECK backs the conditional UPDATEs that reserve stock).
CREATE TABLE product (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  category_id    BIGINT        NOT NULL,
  name           VARCHAR(128)  NOT NULL,
  description    VARCHAR(4000) NOT NULL DEFAULT '',
  price_fen      BIGINT        NOT NULL,
  stock          INT           NOT NULL DEFAULT 0,
  status         VARCHAR(16)   NOT NULL DEFAULT 'ON_SALE',
  -- file-service ids in display order, as a JSON array of strings: always read and
  -- written whole with the product, never queried, so a child table would buy nothing
  image_file_ids TEXT          NOT NULL,
  created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  -- bumped by every write: the HTTP ETag and the event carry it
  version        BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT ck_product_price CHECK (price_fen > 0),
  CONSTRAINT ck_product_stock CHECK (stock >= 0),
  CONSTRAINT ck_product_status CHECK (status IN ('ON_SALE', 'OFF_SHELF')),
  -- the public list: WHERE status = ? AND id < ? ORDER BY id DESC. The keyword search
  -- (name LIKE '%q%') walks this same index in id order and stops after size + 1
  -- matches; FULLTEXT was not chosen because MariaDB has no ngram parser, so Chinese
  -- names (no spaces between words) would not be found by word.
  KEY idx_product_status_id (status, id),
  -- the public list within a category: WHERE status = ? AND category_id = ? AND id < ?
  KEY idx_product_status_category_id (status, category_id, id),
  -- also serves the foreign key
  KEY idx_product_category (category_id),
  CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
