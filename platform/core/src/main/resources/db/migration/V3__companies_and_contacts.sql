-- Partner companies, their contacts, tags and timeline.
CREATE TABLE company (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  legal_name         VARCHAR(200)  NOT NULL,
  trade_name         VARCHAR(200)  NULL,
  siren              CHAR(9)       NULL,
  siret              CHAR(14)      NULL,
  naf_code           VARCHAR(6)    NULL,
  legal_form         VARCHAR(100)  NULL,
  sector             VARCHAR(20)   NULL,
  size_bracket       VARCHAR(3)    NULL,
  workforce_bracket  VARCHAR(2)    NULL,
  address_line1      VARCHAR(200)  NULL,
  address_line2      VARCHAR(200)  NULL,
  postal_code        VARCHAR(10)   NULL,
  city               VARCHAR(100)  NULL,
  country            CHAR(2)       NOT NULL DEFAULT 'FR',
  department         VARCHAR(3)    NULL,
  region             VARCHAR(2)    NULL,
  website            VARCHAR(255)  NULL,
  phone              VARCHAR(20)   NULL,
  status             VARCHAR(20)   NOT NULL,
  owner_id           BIGINT        NULL,
  notes              TEXT          NULL,
  -- accent-, case- and punctuation-free names, numbers, city, contacts: what q searches
  search_text        TEXT          NOT NULL,
  -- the normalised legal name without legal-form words, for duplicate detection
  name_key           VARCHAR(200)  NOT NULL,
  merged_into_id     BIGINT        NULL,
  version            BIGINT        NOT NULL DEFAULT 1,
  created_at         TIMESTAMP(6)  NOT NULL,
  updated_at         TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_company_owner FOREIGN KEY (owner_id) REFERENCES staff_user (id),
  CONSTRAINT fk_company_merged_into FOREIGN KEY (merged_into_id) REFERENCES company (id)
);
CREATE INDEX ix_company_siren ON company (siren);
CREATE INDEX ix_company_siret ON company (siret);
CREATE INDEX ix_company_status ON company (status, legal_name, id);
CREATE INDEX ix_company_name ON company (legal_name, id);
CREATE INDEX ix_company_updated ON company (updated_at, id);
CREATE INDEX ix_company_department ON company (department);
CREATE INDEX ix_company_region ON company (region);
CREATE INDEX ix_company_owner ON company (owner_id);
CREATE INDEX ix_company_name_key ON company (name_key);
CREATE INDEX ix_company_postal_code ON company (postal_code);

-- [jooq ignore start]
-- no stop words: "de", "la" or "en" must be searchable like any other word
SET SESSION innodb_ft_enable_stopword = OFF;
CREATE FULLTEXT INDEX ft_company_search ON company (search_text);
-- [jooq ignore stop]

CREATE TABLE company_tag (
  company_id  BIGINT       NOT NULL,
  tag         VARCHAR(50)  NOT NULL,
  PRIMARY KEY (company_id, tag),
  CONSTRAINT fk_company_tag_company FOREIGN KEY (company_id) REFERENCES company (id)
);
CREATE INDEX ix_company_tag_tag ON company_tag (tag, company_id);

CREATE TABLE contact (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  company_id      BIGINT        NOT NULL,
  civility        VARCHAR(4)    NULL,
  first_name      VARCHAR(100)  NULL,
  last_name       VARCHAR(100)  NOT NULL,
  job_title       VARCHAR(150)  NULL,
  job_function    VARCHAR(20)   NULL,
  email           VARCHAR(254)  NULL,
  -- the e-mail while the contact is active, null once archived: unique among active contacts
  active_email    VARCHAR(254)  NULL,
  phone           VARCHAR(20)   NULL,
  language        VARCHAR(2)    NOT NULL DEFAULT 'fr',
  email_status    VARCHAR(20)   NOT NULL,
  consent_source  VARCHAR(200)  NULL,
  consent_at      TIMESTAMP(6)  NULL,
  archived_at     TIMESTAMP(6)  NULL,
  version         BIGINT        NOT NULL DEFAULT 1,
  created_at      TIMESTAMP(6)  NOT NULL,
  updated_at      TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_contact_active_email UNIQUE (active_email),
  CONSTRAINT fk_contact_company FOREIGN KEY (company_id) REFERENCES company (id)
);
CREATE INDEX ix_contact_company ON contact (company_id, last_name);
CREATE INDEX ix_contact_name ON contact (last_name, first_name, id);

-- The timeline: what staff noted (notes, calls, meetings, mails, tasks) and what the
-- platform did (kind SYSTEM, with the event in system_event).
CREATE TABLE activity (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  company_id    BIGINT        NOT NULL,
  contact_id    BIGINT        NULL,
  kind          VARCHAR(20)   NOT NULL,
  system_event  VARCHAR(64)   NULL,
  text          TEXT          NULL,
  due_at        TIMESTAMP(6)  NULL,
  done_at       TIMESTAMP(6)  NULL,
  author_id     BIGINT        NULL,
  created_at    TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_activity_company FOREIGN KEY (company_id) REFERENCES company (id),
  CONSTRAINT fk_activity_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);
CREATE INDEX ix_activity_company ON activity (company_id, created_at, id);
