-- Staff accounts, their login sessions, API tokens for integrations, and the audit log that
-- every feature writes to.
CREATE TABLE staff_user (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  username       VARCHAR(50)  NOT NULL,
  display_name   VARCHAR(100) NOT NULL,
  email          VARCHAR(254) NOT NULL,
  role           VARCHAR(20)  NOT NULL,
  active         BOOLEAN      NOT NULL DEFAULT TRUE,
  password_hash  VARCHAR(255) NOT NULL,
  version        BIGINT       NOT NULL DEFAULT 1,
  created_at     TIMESTAMP(6) NOT NULL,
  updated_at     TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_staff_user_username UNIQUE (username)
);

-- A login: the token is only ever stored as its SHA-256.
CREATE TABLE staff_session (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  token_hash   CHAR(64)     NOT NULL,
  csrf_token   VARCHAR(64)  NOT NULL,
  user_id      BIGINT       NOT NULL,
  address      VARCHAR(45)  NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL,
  expires_at   TIMESTAMP(6) NOT NULL,
  ended_at     TIMESTAMP(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_staff_session_token UNIQUE (token_hash),
  CONSTRAINT fk_staff_session_user FOREIGN KEY (user_id) REFERENCES staff_user (id)
);

CREATE TABLE api_token (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  name          VARCHAR(100) NOT NULL,
  token_hash    CHAR(64)     NOT NULL,
  role          VARCHAR(20)  NOT NULL,
  created_by    BIGINT       NOT NULL,
  created_at    TIMESTAMP(6) NOT NULL,
  expires_at    TIMESTAMP(6) NULL,
  last_used_at  TIMESTAMP(6) NULL,
  revoked_at    TIMESTAMP(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_token_creator FOREIGN KEY (created_by) REFERENCES staff_user (id)
);

-- Who did what, when, from where. actor_id is null for anonymous events (a failed login of
-- an unknown user); actor_name keeps the name as it was at the time.
CREATE TABLE audit_log (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  at           TIMESTAMP(6) NOT NULL,
  actor_id     BIGINT       NULL,
  actor_name   VARCHAR(100) NULL,
  action       VARCHAR(64)  NOT NULL,
  target_type  VARCHAR(40)  NULL,
  target_id    VARCHAR(64)  NULL,
  address      VARCHAR(45)  NULL,
  details      VARCHAR(2000) NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_action ON audit_log (action, at);
CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id);
