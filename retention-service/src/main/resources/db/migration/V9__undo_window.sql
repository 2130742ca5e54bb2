-- The undo window: before an item's deletion, what it would lose is kept — its manifest with its tags, an index's
-- children, its referrers — with the keeper manifest that holds their blobs from garbage collection, until
-- restorable_until. Closing the window releases the keeper and drops the kept manifests. An item's subject (the
-- image a signature or SBOM refers to) is stored with the plan, so that restoring an image brings them back with it.
ALTER TABLE plan_item
    ADD COLUMN keeper           TEXT,
    ADD COLUMN subject          TEXT,
    ADD COLUMN children         TEXT[],
    ADD COLUMN restorable_until TIMESTAMPTZ,
    ADD COLUMN window_closed_at TIMESTAMPTZ;

CREATE TABLE kept_manifest (
    plan_id    UUID    NOT NULL,
    seq        INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    digest     TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    content    BYTEA   NOT NULL,
    tags       TEXT[]  NOT NULL,
    PRIMARY KEY (plan_id, seq, position),
    FOREIGN KEY (plan_id, seq) REFERENCES plan_item (plan_id, seq)
);

CREATE INDEX plan_item_window_open ON plan_item (restorable_until)
    WHERE restorable_until IS NOT NULL AND window_closed_at IS NULL;
