-- Storage tiers: when an image set was last accessed (read, retrieved, copied, updated), its tier, and whether its
-- blobs are in the archive blob location. No row: never accessed, FREQUENT_ACCESS, blobs in the primary location.
CREATE TABLE image_set_tier (
  image_set_id     TEXT PRIMARY KEY,
  last_accessed_at BIGINT NOT NULL,
  storage_tier     TEXT NOT NULL,
  blobs_archived   INTEGER NOT NULL
);
CREATE INDEX image_set_tier_by_tier ON image_set_tier (storage_tier, last_accessed_at);
