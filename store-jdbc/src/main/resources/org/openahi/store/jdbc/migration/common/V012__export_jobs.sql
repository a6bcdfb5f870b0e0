-- openahi's export jobs (docs/export.md): what they select, where they write, how far they came, and their lease.
CREATE TABLE export_job (
  id                  TEXT PRIMARY KEY,
  datastore_id        TEXT NOT NULL,
  status              TEXT NOT NULL,
  selection           TEXT NOT NULL,
  transfer_syntax_uid TEXT,
  output_uri          TEXT NOT NULL,
  submitted_at        BIGINT NOT NULL,
  ended_at            BIGINT,
  message             TEXT,
  attempts            INTEGER NOT NULL,
  instances           BIGINT NOT NULL,
  exported            BIGINT NOT NULL,
  failed              BIGINT NOT NULL,
  owner               TEXT,
  lease_expires_at    BIGINT
);
CREATE INDEX export_job_status ON export_job (status, submitted_at);
