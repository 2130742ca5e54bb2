-- Stored recipes: how to build each repository; a rebuild reuses its repository's.
CREATE TABLE build_definition (
    registry   TEXT        NOT NULL,
    repository TEXT        NOT NULL,
    definition JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository)
);

CREATE TABLE build (
    id                    UUID PRIMARY KEY,
    registry              TEXT        NOT NULL,
    repository            TEXT        NOT NULL,
    definition            JSONB       NOT NULL,
    state                 TEXT        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'PUSHED', 'FAILED', 'CANCELLED')),
    reason                TEXT,
    requested_by          TEXT,
    cascade_id            TEXT,
    requested_base_digest TEXT,
    queued_at             TIMESTAMPTZ NOT NULL,
    started_at            TIMESTAMPTZ,
    finished_at           TIMESTAMPTZ,
    digest                TEXT,
    analysis              JSONB
);
CREATE INDEX build_by_state ON build (state) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX build_by_repository ON build (repository, queued_at DESC);
CREATE INDEX build_by_queue_time ON build (queued_at DESC);

CREATE TABLE build_log (
    build_id UUID   NOT NULL REFERENCES build (id),
    line     BIGINT NOT NULL,
    text     TEXT   NOT NULL,
    PRIMARY KEY (build_id, line)
);

-- Uploaded build contexts, by the sha256 of their bytes.
CREATE TABLE build_context (
    id         TEXT PRIMARY KEY,
    content    BYTEA       NOT NULL,
    size       BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
