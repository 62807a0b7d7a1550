-- Fulfilment (api.md): the shop ships a paid order (SHIPPED, with its carrier and
-- tracking number), its buyer confirms receipt or the confirmation window passes
-- (COMPLETED). Both times come from the database clock, so every instance's completion
-- sweep agrees on what is due.
ALTER TABLE orders
  ADD COLUMN shipped_at   TIMESTAMP(3) NULL DEFAULT NULL AFTER paid_at,
  ADD COLUMN carrier      VARCHAR(32)  NULL DEFAULT NULL AFTER shipped_at,
  ADD COLUMN tracking_no  VARCHAR(64)  NULL DEFAULT NULL AFTER carrier,
  ADD COLUMN completed_at TIMESTAMP(3) NULL DEFAULT NULL AFTER tracking_no,
  DROP CONSTRAINT ck_orders_status,
  ADD CONSTRAINT ck_orders_status CHECK (status IN ('PENDING', 'AWAITING_PAYMENT', 'REJECTED', 'PAID',
    'SHIPPED', 'COMPLETED', 'CANCELLED', 'REFUNDING', 'REFUNDED')),
  -- the completion sweep: WHERE status = 'SHIPPED' AND shipped_at <= now - window
  ADD KEY idx_orders_shipped (status, shipped_at),
  -- the admin's list by status, newest first: WHERE status = ? AND id < ? ORDER BY id DESC
  ADD KEY idx_orders_status (status, id);
