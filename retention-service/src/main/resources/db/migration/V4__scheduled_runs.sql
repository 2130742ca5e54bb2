-- A policy may run on a cron schedule, and apply its plans without review when it says so.
ALTER TABLE retention_policy ADD COLUMN schedule TEXT;
ALTER TABLE retention_policy ADD COLUMN auto_apply BOOLEAN NOT NULL DEFAULT false;

-- When each scheduled policy last ran, and the plan it made.
CREATE TABLE policy_run (
    policy_id TEXT        PRIMARY KEY,
    ran_at    TIMESTAMPTZ NOT NULL,
    plan_id   UUID        NOT NULL
);

ALTER TABLE retention_plan ADD COLUMN policy_id TEXT;
