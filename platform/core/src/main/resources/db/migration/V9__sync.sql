-- Two-way sync with external systems (connectors from plugins): the cursor each one continues
-- from, which local company is which record there (and how both looked at the last sync), the
-- conflicts left for staff, and a record of every run.
CREATE TABLE sync_state (
  connector    VARCHAR(50)   NOT NULL,
  cursor_value VARCHAR(500)  NULL,
  updated_at   TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (connector)
);

CREATE TABLE sync_link (
  connector      VARCHAR(50)   NOT NULL,
  company_id     BIGINT        NOT NULL,
  external_id    VARCHAR(100)  NOT NULL,
  local_version  BIGINT        NOT NULL,
  remote_hash    CHAR(64)      NOT NULL,
  synced_at      TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (connector, company_id),
  CONSTRAINT uq_sync_link_external UNIQUE (connector, external_id),
  CONSTRAINT fk_sync_link_company FOREIGN KEY (company_id) REFERENCES company (id)
);

CREATE TABLE sync_conflict (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  connector    VARCHAR(50)   NOT NULL,
  company_id   BIGINT        NOT NULL,
  external_id  VARCHAR(100)  NOT NULL,
  local_json   TEXT          NOT NULL,
  remote_json  TEXT          NOT NULL,
  remote_hash  CHAR(64)      NOT NULL,
  detected_at  TIMESTAMP(6)  NOT NULL,
  resolved_at  TIMESTAMP(6)  NULL,
  resolution   VARCHAR(10)   NULL,
  resolved_by  VARCHAR(100)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_sync_conflict_company FOREIGN KEY (company_id) REFERENCES company (id)
);
CREATE INDEX ix_sync_conflict_open ON sync_conflict (connector, resolved_at, company_id);

CREATE TABLE sync_run (
  id           BIGINT         NOT NULL AUTO_INCREMENT,
  connector    VARCHAR(50)    NOT NULL,
  trigger_kind VARCHAR(20)    NOT NULL,
  status       VARCHAR(20)    NOT NULL,
  started_at   TIMESTAMP(6)   NOT NULL,
  finished_at  TIMESTAMP(6)   NULL,
  pulled       INT            NOT NULL DEFAULT 0,
  pushed       INT            NOT NULL DEFAULT 0,
  conflicts    INT            NOT NULL DEFAULT 0,
  errors       INT            NOT NULL DEFAULT 0,
  attempts     INT            NOT NULL DEFAULT 0,
  failure      VARCHAR(1000)  NULL,
  error_details TEXT          NULL,
  cursor_from  VARCHAR(500)   NULL,
  cursor_to    VARCHAR(500)   NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_sync_run_connector ON sync_run (connector, started_at);
