-- WeChat notices of orders (issue 18): the "about to expire" reminders written by the
-- reminder sweep (one per order: its event leaves with the row), and the shipping
-- information each shipped order owes WeChat's order management, kept until WeChat has
-- it so that none is lost while WeChat does not know the payment yet or is away.
CREATE TABLE wechat_expiry_reminder (
  order_id   BIGINT       NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (order_id),
  CONSTRAINT fk_wechat_expiry_reminder_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE wechat_shipping_upload (
  order_id        BIGINT       NOT NULL,
  -- PENDING until WeChat has it (UPLOADED) or refused it for good (REFUSED, errcode kept)
  status          VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  errcode         INT          NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  done_at         TIMESTAMP(3) NULL DEFAULT NULL,
  PRIMARY KEY (order_id),
  CONSTRAINT ck_wechat_shipping_status CHECK (status IN ('PENDING', 'UPLOADED', 'REFUSED')),
  -- the sweep: WHERE status = 'PENDING' AND next_attempt_at <= now ORDER BY next_attempt_at
  KEY idx_wechat_shipping_due (status, next_attempt_at),
  CONSTRAINT fk_wechat_shipping_upload_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
