-- Harbor deliveries are answered at once and their facts announced after, in the order they came per repository,
-- once what Harbor's API knows of a push (every tag, the artifact's kind) is read.
CREATE TABLE harbor_fact (
    id          BIGSERIAL   PRIMARY KEY,
    registry    TEXT        NOT NULL,
    repository  TEXT        NOT NULL,
    fact        JSONB       NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    due_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX harbor_fact_by_repository ON harbor_fact (registry, repository, id);

-- The digest each tag Harbor told of pointed to when last heard of: Harbor's tag retention names what it removed
-- by its first tag alone.
CREATE TABLE harbor_tag (
    registry   TEXT NOT NULL,
    repository TEXT NOT NULL,
    tag        TEXT NOT NULL,
    digest     TEXT NOT NULL,
    PRIMARY KEY (registry, repository, tag)
);
CREATE INDEX harbor_tag_by_digest ON harbor_tag (registry, repository, digest);
