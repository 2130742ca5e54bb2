-- The transaction that last wrote a graph row: the in-memory graph index catches up from these (ADR 0007).
ALTER TABLE image ADD COLUMN written_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE base_edge ADD COLUMN written_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE repository_head ADD COLUMN written_in xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX image_written_in ON image (written_in);
CREATE INDEX base_edge_written_in ON base_edge (written_in);
CREATE INDEX repository_head_written_in ON repository_head (written_in);

-- The base as its Dockerfile names it, normalised: how a reference is resolved once the base is seen, and how the
-- dependants of a moved tag are found.
ALTER TABLE base_edge ADD COLUMN base_registry TEXT;
ALTER TABLE base_edge ADD COLUMN base_repository TEXT;
ALTER TABLE base_edge ADD COLUMN base_tag TEXT;
CREATE INDEX base_edge_by_reference ON base_edge (base_repository, base_tag, base_registry);

CREATE INDEX image_by_commit ON image (source_commit);
CREATE INDEX image_by_source ON image (source_repository);

-- Where each tag pointed, in the order the moves were seen.
CREATE TABLE tag_history (
    id         BIGSERIAL PRIMARY KEY,
    registry   TEXT        NOT NULL,
    repository TEXT        NOT NULL,
    tag        TEXT        NOT NULL,
    digest     TEXT        NOT NULL,
    since      TIMESTAMPTZ NOT NULL
);
CREATE INDEX tag_history_by_tag ON tag_history (repository, tag, registry, id DESC);

-- What people enter about a repository.
CREATE TABLE repository_metadata (
    registry    TEXT        NOT NULL,
    repository  TEXT        NOT NULL,
    owner_team  TEXT,
    tier        TEXT CHECK (tier IN ('OS', 'RUNTIME', 'TOOLING', 'APP')),
    description TEXT,
    docs_url    TEXT,
    contact     TEXT,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository)
);
CREATE INDEX repository_metadata_by_owner ON repository_metadata (lower(owner_team));

-- What runs where now, from successful deployments.
CREATE TABLE deployment (
    service     TEXT        NOT NULL,
    environment TEXT        NOT NULL,
    registry    TEXT        NOT NULL,
    repository  TEXT        NOT NULL,
    digest      TEXT        NOT NULL,
    deployed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service, environment)
);
CREATE INDEX deployment_by_image ON deployment (repository, registry, digest);

-- Promotion labels images have earned.
CREATE TABLE image_label (
    registry    TEXT        NOT NULL,
    repository  TEXT        NOT NULL,
    digest      TEXT        NOT NULL,
    label       TEXT        NOT NULL,
    labelled_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository, digest, label)
);

-- Rebuild cascades and the state of each repository in them.
CREATE TABLE cascade (
    id              TEXT PRIMARY KEY,
    base_registry   TEXT        NOT NULL,
    base_repository TEXT        NOT NULL,
    base_tag        TEXT        NOT NULL,
    base_reference  TEXT        NOT NULL,
    previous_digest TEXT        NOT NULL,
    new_digest      TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'PAUSED', 'FINISHED')),
    started_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX cascade_by_start ON cascade (started_at DESC, id);

CREATE TABLE cascade_item (
    cascade_id            TEXT        NOT NULL REFERENCES cascade (id),
    repository            TEXT        NOT NULL,
    wave                  INTEGER     NOT NULL,
    current_digest        TEXT        NOT NULL,
    depends_on            TEXT[]      NOT NULL,
    final_base            TEXT,
    base_reference        TEXT,
    state                 TEXT        NOT NULL
        CHECK (state IN ('PENDING', 'REQUESTED', 'REBUILT', 'FAILED', 'SKIPPED')),
    requested_base_digest TEXT,
    rebuilt_digest        TEXT,
    reason                TEXT,
    blocked               BOOLEAN     NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cascade_id, repository)
);
CREATE INDEX cascade_item_outstanding ON cascade_item (repository) WHERE state = 'REQUESTED';
