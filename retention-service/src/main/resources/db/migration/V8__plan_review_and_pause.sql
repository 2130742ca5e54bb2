-- What a plan is reviewed by: each item's reason kind (a DeleteReason, or the first KeepReason that keeps it) and
-- the label class of the image (UNLABELLED, MAYBE_PROD, PROD). Items of plans made before have neither.
ALTER TABLE plan_item
    ADD COLUMN reason_kind TEXT,
    ADD COLUMN label_class TEXT;

CREATE INDEX plan_item_by_repository ON plan_item (plan_id, registry, repository);

-- Plans newest first, for the list of plans.
CREATE INDEX retention_plan_by_created ON retention_plan (created_at DESC, id);
