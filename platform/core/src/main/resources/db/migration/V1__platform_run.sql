-- One row per start of the platform: when it started, which version, on which host,
-- and when it stopped cleanly. A row left without stopped_at marks an unclean stop.
CREATE TABLE platform_run (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  version     VARCHAR(40)  NOT NULL,
  host        VARCHAR(255) NOT NULL,
  started_at  TIMESTAMP(6) NOT NULL,
  stopped_at  TIMESTAMP(6) NULL,
  PRIMARY KEY (id)
);
