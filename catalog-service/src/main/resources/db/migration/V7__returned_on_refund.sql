-- A paid order refunded wholly before it was shipped gives its units back (the
-- order.OrderRefunded.v1 event says shipped: false): its SOLD lines become RETURNED, once.
ALTER TABLE stock_reservation
  DROP CONSTRAINT ck_stock_reservation_status,
  ADD CONSTRAINT ck_stock_reservation_status CHECK (status IN ('RESERVED', 'RELEASED', 'SOLD', 'CLOSED', 'RETURNED'));
