-- Who did what through the REST API: every call that can change something, with the caller and the outcome.
CREATE TABLE IF NOT EXISTS api_audit (
    id               bigserial   PRIMARY KEY,
    occurred_at      timestamptz NOT NULL,
    principal        text,
    authenticated_by text,
    method           text        NOT NULL,
    path             text        NOT NULL,
    status           integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS api_audit_by_principal ON api_audit (principal, id);
