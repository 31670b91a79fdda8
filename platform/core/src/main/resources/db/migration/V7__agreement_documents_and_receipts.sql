-- Signed documents of agreements (files kept by their SHA-256 under <data>/documents, never
-- overwritten) and tax receipts, numbered per year with no gap and no reuse.
CREATE TABLE agreement_document (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  agreement_id  BIGINT        NOT NULL,
  file_name     VARCHAR(255)  NOT NULL,
  size_bytes    BIGINT        NOT NULL,
  sha256        CHAR(64)      NOT NULL,
  uploaded_by   BIGINT        NULL,
  uploaded_at   TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_document_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
);
CREATE INDEX ix_document_agreement ON agreement_document (agreement_id);

-- The last number given per year; its row is locked while a receipt takes the next one.
CREATE TABLE receipt_counter (
  year         INT     NOT NULL,
  last_number  INT     NOT NULL,
  PRIMARY KEY (year)
);

CREATE TABLE tax_receipt (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  agreement_id  BIGINT        NOT NULL,
  year          INT           NOT NULL,
  number        INT           NOT NULL,
  amount_cents  BIGINT        NOT NULL,
  paid_on       DATE          NOT NULL,
  sha256        CHAR(64)      NOT NULL,
  issued_at     TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_receipt_agreement UNIQUE (agreement_id),
  CONSTRAINT uk_receipt_number UNIQUE (year, number),
  CONSTRAINT fk_receipt_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
);
