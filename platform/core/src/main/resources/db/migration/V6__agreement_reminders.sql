-- Renewal reminders put on the timeline, once per agreement and per lead time (90, 30 days...).
CREATE TABLE agreement_reminder (
  agreement_id  BIGINT        NOT NULL,
  days_before   INT           NOT NULL,
  sent_at       TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (agreement_id, days_before),
  CONSTRAINT fk_reminder_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
);
