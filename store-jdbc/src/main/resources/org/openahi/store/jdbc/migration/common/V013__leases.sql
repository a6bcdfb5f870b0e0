-- The leases of background work in one table (core/work/Leases) instead of owner and expiry columns in the four
-- tables of work. A lease's epoch grows with every claim; a commit of leased work checks it, so a node that lost its
-- lease cannot commit after the node that took the work over. A released lease keeps its row, owner and epoch, with no
-- expiry.
CREATE TABLE lease (
  kind       TEXT NOT NULL,
  item_key   TEXT NOT NULL,
  owner      TEXT NOT NULL,
  epoch      BIGINT NOT NULL,
  expires_at BIGINT,
  PRIMARY KEY (kind, item_key)
);
CREATE INDEX lease_by_expiry ON lease (kind, expires_at);

-- Leases held when the node upgraded carry over at epoch 1, so their work is taken over when they run out.
INSERT INTO lease (kind, item_key, owner, epoch, expires_at)
  SELECT 'import', id, COALESCE(owner, 'unknown'), 1, COALESCE(lease_expires_at, 0)
  FROM import_job WHERE status = 'IN_PROGRESS';
INSERT INTO lease (kind, item_key, owner, epoch, expires_at)
  SELECT 'export', id, COALESCE(owner, 'unknown'), 1, COALESCE(lease_expires_at, 0)
  FROM export_job WHERE status = 'IN_PROGRESS';
INSERT INTO lease (kind, item_key, owner, epoch, expires_at)
  SELECT 'imageset', image_set_id || '-' || CAST(version AS TEXT), COALESCE(owner, 'unknown'), 1,
         COALESCE(lease_expires_at, 0)
  FROM image_set_operation WHERE attempts > 0;
INSERT INTO lease (kind, item_key, owner, epoch, expires_at)
  SELECT 'events', webhook, owner, 1, lease_expires_at
  FROM event_delivery WHERE owner IS NOT NULL;

ALTER TABLE import_job DROP COLUMN owner;
ALTER TABLE import_job DROP COLUMN lease_expires_at;
ALTER TABLE export_job DROP COLUMN owner;
ALTER TABLE export_job DROP COLUMN lease_expires_at;
ALTER TABLE image_set_operation DROP COLUMN owner;
ALTER TABLE image_set_operation DROP COLUMN lease_expires_at;
ALTER TABLE event_delivery DROP COLUMN owner;
ALTER TABLE event_delivery DROP COLUMN lease_expires_at;
