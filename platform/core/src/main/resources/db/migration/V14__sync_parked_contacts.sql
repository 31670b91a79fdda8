-- A person pulled before its company is synced (the company refused there, or not brought in
-- yet) waits here as it was pulled, and is brought in as soon as its company is linked, even if it
-- does not change there again. One row per person there; a newer pull replaces it.
CREATE TABLE sync_parked_contact (
  connector            VARCHAR(50)   NOT NULL,
  external_id          VARCHAR(100)  NOT NULL,
  company_external_id  VARCHAR(100)  NOT NULL,
  record               MEDIUMTEXT    NOT NULL,
  parked_at            TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (connector, external_id)
);
CREATE INDEX ix_sync_parked_contact_company ON sync_parked_contact (connector, company_external_id);
