-- Images and the bases they were built on, as announced by image events.
CREATE TABLE image (
    id                BIGSERIAL PRIMARY KEY,
    registry          TEXT        NOT NULL,
    repository        TEXT        NOT NULL,
    digest            TEXT        NOT NULL,
    tags              TEXT[]      NOT NULL DEFAULT '{}',
    size              BIGINT,
    layer_count       INTEGER,
    source_repository TEXT,
    source_commit     TEXT,
    branch            TEXT,
    author            TEXT,
    ci_run_url        TEXT,
    seen_at           TIMESTAMPTZ NOT NULL,
    UNIQUE (registry, repository, digest)
);

CREATE INDEX image_by_digest ON image (digest);

-- One row per build stage: the base as written and the digest it resolved to, when known.
CREATE TABLE base_edge (
    child_digest TEXT    NOT NULL,
    stage_index  INTEGER NOT NULL,
    reference    TEXT    NOT NULL,
    base_digest  TEXT,
    final_stage  BOOLEAN NOT NULL,
    PRIMARY KEY (child_digest, stage_index)
);

CREATE INDEX base_edge_by_base ON base_edge (base_digest);

-- The newest image of each repository: what "the repository's image" means for impact.
CREATE TABLE repository_head (
    registry   TEXT        NOT NULL,
    repository TEXT        NOT NULL,
    digest     TEXT        NOT NULL,
    since      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository)
);
