CREATE TABLE note_applied (
  event_id CHAR(36)     NOT NULL,
  subject  VARCHAR(128) NOT NULL,
  text     VARCHAR(255) NOT NULL,
  PRIMARY KEY (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
