-- Data stores, resource tags, idempotency tokens and server secrets.
-- Times are epoch milliseconds (UTC); ids are AHI's 32 lowercase hexadecimal characters.

CREATE TABLE datastore (
  id                      TEXT PRIMARY KEY,
  name                    TEXT NOT NULL,
  status                  TEXT NOT NULL,
  kms_key_arn             TEXT,
  lambda_authorizer_arn   TEXT,
  lossless_storage_format TEXT NOT NULL,
  created_at              BIGINT NOT NULL,
  updated_at              BIGINT NOT NULL
);

-- ListDatastores pages newest first, with or without a status filter (keyset pagination).
CREATE INDEX datastore_newest_first ON datastore (created_at DESC, id DESC);
CREATE INDEX datastore_by_status_newest_first ON datastore (status, created_at DESC, id DESC);

CREATE TABLE resource_tag (
  resource_arn TEXT NOT NULL,
  tag_key      TEXT NOT NULL,
  tag_value    TEXT NOT NULL,
  PRIMARY KEY (resource_arn, tag_key)
);

CREATE TABLE idempotency_token (
  scope        TEXT NOT NULL,
  client_token TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  resource_id  TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (scope, client_token)
);

-- Secrets shared by every node, e.g. the key that signs pagination tokens; stored as hexadecimal text.
CREATE TABLE server_secret (
  name   TEXT PRIMARY KEY,
  secret TEXT NOT NULL
);
