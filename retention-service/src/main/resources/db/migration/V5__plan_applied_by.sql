-- Who started applying a plan: the caller's token or JWT name, or "scheduler" for an auto-applied policy.
ALTER TABLE retention_plan ADD COLUMN applied_by text;
