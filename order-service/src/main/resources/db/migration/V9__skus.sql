-- Order lines name a SKU (catalog's product specification with its own price and
-- stock) or a product that stands for its only SKU. A line placed by SKU learns its
-- product, and a line placed by product its SKU, when catalog reserves the stock; the
-- SKU's specs are copied then, with the name and price. Lines from before keep their
-- product and have no SKU.
ALTER TABLE order_item
  MODIFY product_id VARCHAR(64) NULL,
  ADD COLUMN sku_id VARCHAR(64) NULL AFTER product_id,
  -- the SKU's specifications as catalog reserved them, a JSON object of strings
  ADD COLUMN specs VARCHAR(1000) NULL AFTER sku_id,
  -- one order may hold two SKUs of one product; a product and its only SKU named in one
  -- order are two lines that catalog reserves as one
  DROP INDEX uk_order_item_product;
