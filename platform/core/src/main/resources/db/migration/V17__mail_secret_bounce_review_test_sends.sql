-- The install's key for signing what campaigns mail out (unsubscribe links, the token in each
-- delivery's Message-ID that a bounce must carry back). Kept here, not on one node's disk, so
-- that every node sharing this database signs and checks alike; one row, written once.
CREATE TABLE mail_secret (
  id          TINYINT       NOT NULL,
  secret      VARCHAR(100)  NOT NULL,
  created_at  TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_mail_secret_one_row CHECK (id = 1)
);

-- Bounce reports naming a delivery without the token its Message-ID carried: anyone can mail the
-- bounce address, so these suppress no one and are kept for an administrator to look at.
CREATE TABLE mail_unverified_bounce (
  id            BIGINT         NOT NULL AUTO_INCREMENT,
  message_key   VARCHAR(255)   NOT NULL,
  from_address  VARCHAR(254)   NULL,
  campaign_id   BIGINT         NULL,
  delivery_id   BIGINT         NULL,
  recipients    VARCHAR(1000)  NULL,
  reason        VARCHAR(500)   NULL,
  received_at   TIMESTAMP(6)   NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_unverified_bounce_received ON mail_unverified_bounce (received_at);

-- Test messages each staff user sent in the current clock hour, counted here so that every node
-- sees the same count.
CREATE TABLE mail_test_send_quota (
  user_id       BIGINT        NOT NULL,
  window_start  TIMESTAMP(6)  NOT NULL,
  sends         INT           NOT NULL,
  PRIMARY KEY (user_id)
);
