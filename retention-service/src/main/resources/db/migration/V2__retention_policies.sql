-- Stored retention policies: every change is a new version; the newest version of an active policy applies.
CREATE TABLE retention_policy (
    id              TEXT        NOT NULL,
    version         INTEGER     NOT NULL,
    priority        INTEGER     NOT NULL,
    registry_glob   TEXT        NOT NULL,
    repository_glob TEXT        NOT NULL,
    rules           JSONB       NOT NULL,
    active          BOOLEAN     NOT NULL,
    changed_by      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, version)
);
