-- Sponsorship and partnership agreements, their counterparts, instalments and transitions.
CREATE TABLE agreement (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  company_id            BIGINT        NOT NULL,
  kind                  VARCHAR(30)   NOT NULL,
  tier                  VARCHAR(30)   NULL,
  title                 VARCHAR(200)  NOT NULL,
  amount_cents          BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL DEFAULT 'EUR',
  start_date            DATE          NOT NULL,
  end_date              DATE          NOT NULL,
  auto_renew            BOOLEAN       NOT NULL DEFAULT FALSE,
  signatory_contact_id  BIGINT        NULL,
  owner_id              BIGINT        NULL,
  notes                 TEXT          NULL,
  status                VARCHAR(20)   NOT NULL,
  signed_on             DATE          NULL,
  end_reason            VARCHAR(500)  NULL,
  renewal_of_id         BIGINT        NULL,
  version               BIGINT        NOT NULL DEFAULT 1,
  created_at            TIMESTAMP(6)  NOT NULL,
  updated_at            TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_agreement_company FOREIGN KEY (company_id) REFERENCES company (id),
  CONSTRAINT fk_agreement_signatory FOREIGN KEY (signatory_contact_id) REFERENCES contact (id),
  CONSTRAINT fk_agreement_owner FOREIGN KEY (owner_id) REFERENCES staff_user (id),
  CONSTRAINT fk_agreement_renewal_of FOREIGN KEY (renewal_of_id) REFERENCES agreement (id)
);
CREATE INDEX ix_agreement_company ON agreement (company_id, status);
CREATE INDEX ix_agreement_status_dates ON agreement (status, start_date, end_date);
CREATE INDEX ix_agreement_end ON agreement (end_date);

CREATE TABLE agreement_counterpart (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  agreement_id  BIGINT        NOT NULL,
  label         VARCHAR(200)  NOT NULL,
  value_cents   BIGINT        NOT NULL,
  due_date      DATE          NULL,
  delivered_at  DATE          NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_counterpart_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
);
CREATE INDEX ix_counterpart_agreement ON agreement_counterpart (agreement_id);

CREATE TABLE agreement_instalment (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  agreement_id  BIGINT        NOT NULL,
  due_date      DATE          NOT NULL,
  amount_cents  BIGINT        NOT NULL,
  paid_at       DATE          NULL,
  reference     VARCHAR(100)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_instalment_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
);
CREATE INDEX ix_instalment_agreement ON agreement_instalment (agreement_id);
CREATE INDEX ix_instalment_due ON agreement_instalment (paid_at, due_date);

-- Every move of the state machine: who, when, to what, on which date, why.
CREATE TABLE agreement_transition (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  agreement_id  BIGINT        NOT NULL,
  from_status   VARCHAR(20)   NOT NULL,
  to_status     VARCHAR(20)   NOT NULL,
  on_date       DATE          NOT NULL,
  reason        VARCHAR(500)  NULL,
  actor_id      BIGINT        NULL,
  actor_name    VARCHAR(100)  NULL,
  at            TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_transition_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
);
CREATE INDEX ix_transition_agreement ON agreement_transition (agreement_id, at);
