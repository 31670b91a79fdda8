-- Failed logins, counted in the database so that every node of the platform sees the same
-- counts and a restart forgives nobody. One row per normalised username and one per client
-- address, keyed by the SHA-256 of "user:<name>" or "address:<ip>" (what people type in the
-- username field, sometimes their password, is not kept in clear). An attempt is counted when
-- it is let through to the password check, before the check: parallel attempts cannot get
-- more guesses than the limit; a right password takes its attempt back.
CREATE TABLE login_attempt (
  subject_key      CHAR(64)      NOT NULL,
  kind             VARCHAR(10)   NOT NULL,
  failures         INT           NOT NULL,
  window_start     TIMESTAMP(6)  NULL,
  locked_until     TIMESTAMP(6)  NULL,
  lockouts         INT           NOT NULL,
  last_failure_at  TIMESTAMP(6)  NULL,
  PRIMARY KEY (subject_key)
);
CREATE INDEX ix_login_attempt_last_failure ON login_attempt (last_failure_at);
