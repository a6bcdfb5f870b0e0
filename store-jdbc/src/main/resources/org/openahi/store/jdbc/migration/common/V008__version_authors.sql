-- Who made each image set version: the authenticated principal, the request id its client got, the action.
CREATE TABLE image_set_version_author (
  image_set_id  TEXT NOT NULL,
  version       INTEGER NOT NULL,
  principal_arn TEXT NOT NULL,
  request_id    TEXT NOT NULL,
  action        TEXT NOT NULL,
  recorded_at   BIGINT NOT NULL,
  PRIMARY KEY (image_set_id, version)
);
