-- Mailing campaigns: the campaign, its recipients frozen at send time (one delivery each, the
-- dispatch queue), the addresses no campaign may write to again, and the inbound messages
-- already processed (bounces, replies) so that none is processed twice.
CREATE TABLE campaign (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  name           VARCHAR(200)  NOT NULL,
  subject        VARCHAR(300)  NOT NULL,
  from_name      VARCHAR(100)  NOT NULL,
  from_address   VARCHAR(254)  NOT NULL,
  reply_to       VARCHAR(254)  NULL,
  html_template  MEDIUMTEXT    NOT NULL,
  text_template  MEDIUMTEXT    NULL,
  segment_json   TEXT          NOT NULL,
  status         VARCHAR(20)   NOT NULL,
  scheduled_at   TIMESTAMP(6)  NULL,
  started_at     TIMESTAMP(6)  NULL,
  finished_at    TIMESTAMP(6)  NULL,
  created_by     BIGINT        NULL,
  created_at     TIMESTAMP(6)  NOT NULL,
  updated_at     TIMESTAMP(6)  NOT NULL,
  version        BIGINT        NOT NULL DEFAULT 1,
  PRIMARY KEY (id)
);
CREATE INDEX ix_campaign_status ON campaign (status, scheduled_at);

CREATE TABLE campaign_delivery (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  campaign_id      BIGINT        NOT NULL,
  contact_id       BIGINT        NOT NULL,
  company_id       BIGINT        NOT NULL,
  email            VARCHAR(254)  NOT NULL,
  status           VARCHAR(20)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMP(6)  NOT NULL,
  lease_until      TIMESTAMP(6)  NULL,
  smtp_reply       VARCHAR(500)  NULL,
  sent_at          TIMESTAMP(6)  NULL,
  unsubscribed_at  TIMESTAMP(6)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_delivery_contact UNIQUE (campaign_id, contact_id),
  CONSTRAINT uq_delivery_email UNIQUE (campaign_id, email),
  CONSTRAINT fk_delivery_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_delivery_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);
CREATE INDEX ix_delivery_queue ON campaign_delivery (status, next_attempt_at, id);
CREATE INDEX ix_delivery_campaign ON campaign_delivery (campaign_id, status);
CREATE INDEX ix_delivery_contact ON campaign_delivery (contact_id, status);

CREATE TABLE mail_suppression (
  email          VARCHAR(254)  NOT NULL,
  soft_bounces   INT           NOT NULL DEFAULT 0,
  suppressed     BOOLEAN       NOT NULL DEFAULT FALSE,
  reason         VARCHAR(300)  NULL,
  updated_at     TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (email)
);

CREATE TABLE mail_inbound (
  message_key    VARCHAR(255)  NOT NULL,
  outcome        VARCHAR(30)   NOT NULL,
  delivery_id    BIGINT        NULL,
  processed_at   TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (message_key)
);
