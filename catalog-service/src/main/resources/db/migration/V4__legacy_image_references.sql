-- File ids became random (ADR 17): file-service keeps a file's old numeric URL working
-- only when a product referenced it at this moment. This is that list, taken once;
-- LegacyImageAnnouncer tells file-service each row (catalog.LegacyImagesReferenced.v1)
-- and dates it. Later writes never add to it, so no other number ever works again.
CREATE TABLE legacy_image_reference (
  product_id     BIGINT       NOT NULL,
  -- the product's image_file_ids as they were
  image_file_ids TEXT         NOT NULL,
  announced_at   TIMESTAMP(3) NULL,
  PRIMARY KEY (product_id),
  -- the announcer: WHERE announced_at IS NULL ORDER BY product_id
  KEY idx_legacy_image_reference_due (announced_at, product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO legacy_image_reference (product_id, image_file_ids)
SELECT id, image_file_ids FROM product WHERE image_file_ids REGEXP '"[1-9][0-9]*"';
