-- Products written before order-service kept its copy of the catalog (ADR 14), or last
-- written before their events carried SKUs (ADR 13), are missing from that copy or lack
-- their SKUs there, so the cart and a checkout from it cannot price them until an admin
-- edits them. Each product here now is announced once more (ProductAnnouncer, at the
-- next start), with its SKUs as they are then; the copy keeps the newest version.
CREATE TABLE product_announcement (
  product_id   BIGINT       NOT NULL,
  announced_at TIMESTAMP(3) NULL,
  PRIMARY KEY (product_id),
  KEY idx_product_announcement_due (announced_at, product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO product_announcement (product_id)
SELECT id FROM product;
