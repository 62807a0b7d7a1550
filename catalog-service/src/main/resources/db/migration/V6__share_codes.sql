-- Products' mini-program codes (getwxacodeunlimit, scene = the product id), made once per
-- product and page and served from here (ADR 18). A few KB each, one per product and
-- configured page: read by primary key with the product's status, never scanned.
CREATE TABLE product_share_code (
  product_id BIGINT       NOT NULL,
  page       VARCHAR(128) NOT NULL,
  png        MEDIUMBLOB   NOT NULL,
  -- hex SHA-256 of png: the strong ETag
  sha256     CHAR(64)     NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (product_id, page),
  CONSTRAINT fk_share_code_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
