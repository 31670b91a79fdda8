-- CSV imports: one run per file, with its counts, and the rows it rejected (with the reason)
-- so that they can be fixed and imported again.
CREATE TABLE import_run (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  entity          VARCHAR(20)   NOT NULL,
  source          VARCHAR(20)   NOT NULL,
  file_name       VARCHAR(255)  NOT NULL,
  status          VARCHAR(20)   NOT NULL,
  headers         TEXT          NULL,
  rows_read       INT           NOT NULL DEFAULT 0,
  created         INT           NOT NULL DEFAULT 0,
  updated         INT           NOT NULL DEFAULT 0,
  unchanged       INT           NOT NULL DEFAULT 0,
  rejected        INT           NOT NULL DEFAULT 0,
  failure         VARCHAR(1000) NULL,
  actor_id        BIGINT        NULL,
  actor_name      VARCHAR(100)  NULL,
  created_at      TIMESTAMP(6)  NOT NULL,
  started_at      TIMESTAMP(6)  NULL,
  finished_at     TIMESTAMP(6)  NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_import_run_created ON import_run (created_at);

CREATE TABLE import_rejection (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  import_id   BIGINT        NOT NULL,
  line        INT           NOT NULL,
  field       VARCHAR(100)  NULL,
  message     VARCHAR(500)  NOT NULL,
  cells       TEXT          NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_rejection_import FOREIGN KEY (import_id) REFERENCES import_run (id)
);
CREATE INDEX ix_rejection_import ON import_rejection (import_id, line);
