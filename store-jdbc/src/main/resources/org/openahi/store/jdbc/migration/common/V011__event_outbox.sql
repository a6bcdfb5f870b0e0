-- The events changes report (docs/events.md), appended in the transaction of the change. Positions come from the
-- one-row counter, so appends are serialized and a position is never seen before every smaller one is committed.
CREATE TABLE event_outbox (
  position     BIGINT PRIMARY KEY,
  detail_type  TEXT NOT NULL,
  resource_arn TEXT NOT NULL,
  event_json   TEXT NOT NULL,
  recorded_at  BIGINT NOT NULL
);
CREATE INDEX event_outbox_recorded ON event_outbox (recorded_at);
CREATE TABLE event_position (
  id   INTEGER PRIMARY KEY,
  last BIGINT NOT NULL
);
INSERT INTO event_position (id, last) VALUES (1, 0);
-- How far each configured webhook has got, and its lease while a node delivers to it.
CREATE TABLE event_delivery (
  webhook            TEXT PRIMARY KEY,
  delivered_position BIGINT NOT NULL,
  attempts           INTEGER NOT NULL,
  next_attempt_at    BIGINT NOT NULL,
  last_error         TEXT,
  owner              TEXT,
  lease_expires_at   BIGINT
);
