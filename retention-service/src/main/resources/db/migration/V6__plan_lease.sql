-- The service instance applying a plan, and until when that holds unless it renews it: with several instances, one
-- applies a plan at a time, and another takes over when the lease of a dead one has run out.
ALTER TABLE retention_plan ADD COLUMN applier text, ADD COLUMN lease_until timestamptz;
