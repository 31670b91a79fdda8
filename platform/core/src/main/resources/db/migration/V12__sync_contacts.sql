-- Contacts in the two-way sync: which local contact is which person there, and conflicts that
-- concern a contact (company_id is then the contact's company).
CREATE TABLE sync_contact_link (
  connector      VARCHAR(50)   NOT NULL,
  contact_id     BIGINT        NOT NULL,
  external_id    VARCHAR(100)  NOT NULL,
  local_version  BIGINT        NOT NULL,
  remote_hash    CHAR(64)      NOT NULL,
  synced_at      TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (connector, contact_id),
  CONSTRAINT uq_sync_contact_link_external UNIQUE (connector, external_id),
  CONSTRAINT fk_sync_contact_link_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);

ALTER TABLE sync_conflict ADD COLUMN contact_id BIGINT NULL;
CREATE INDEX ix_sync_conflict_contact ON sync_conflict (connector, contact_id, resolved_at);
