-- Who runs an import, so that any node (or the next start) can tell a live import from one
-- whose runner died with its JVM: the platform run (platform_run.id) holding it, queued in its
-- memory or running, and when that runner last said it was alive. An import whose heartbeat
-- is stale is marked FAILED and may be restarted. Whether its companies are filled from the
-- registry is kept so that a restart does the same, and the count of its rejections (one per
-- field in error) so that reports say how many there are without counting them each time.
ALTER TABLE import_run
  ADD COLUMN runner_run   BIGINT       NULL,
  ADD COLUMN heartbeat_at TIMESTAMP(6) NULL,
  ADD COLUMN enrich       BOOLEAN      NOT NULL DEFAULT FALSE,
  ADD COLUMN rejections   INT          NOT NULL DEFAULT 0;

UPDATE import_run r SET rejections = (SELECT COUNT(*) FROM import_rejection x WHERE x.import_id = r.id);

-- the sweep for imports whose runner is gone reads the unfinished ones only
CREATE INDEX ix_import_run_status ON import_run (status);
