-- The deployment ledger: every deployment reported, what runs where, where each image has been, its labels.

CREATE TABLE deployment (
    id            BIGSERIAL PRIMARY KEY,
    external_id   TEXT        NOT NULL UNIQUE,
    service       TEXT        NOT NULL,
    environment   TEXT        NOT NULL,
    registry      TEXT        NOT NULL,
    repository    TEXT        NOT NULL,
    digest        TEXT        NOT NULL,
    tag           TEXT,
    kind          TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    deployer      TEXT,
    target        TEXT,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ NOT NULL,
    ingress       TEXT        NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX deployment_by_service ON deployment (service, environment, finished_at DESC);
CREATE INDEX deployment_by_image ON deployment (registry, repository, digest, finished_at DESC);

-- The digest running now per service and environment: the last successful deployment by finish time.
CREATE TABLE current_deployment (
    service       TEXT        NOT NULL,
    environment   TEXT        NOT NULL,
    deployment_id BIGINT      NOT NULL REFERENCES deployment (id),
    registry      TEXT        NOT NULL,
    repository    TEXT        NOT NULL,
    digest        TEXT        NOT NULL,
    tag           TEXT,
    since         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service, environment)
);

CREATE INDEX current_deployment_by_environment ON current_deployment (environment);

-- Every environment an image reached successfully, first and last time.
CREATE TABLE image_environment (
    registry          TEXT        NOT NULL,
    repository        TEXT        NOT NULL,
    digest            TEXT        NOT NULL,
    environment       TEXT        NOT NULL,
    first_deployed_at TIMESTAMPTZ NOT NULL,
    last_deployed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository, digest, environment)
);

-- Promotion labels: they only add up, one row per image and label.
CREATE TABLE image_label (
    registry      TEXT        NOT NULL,
    repository    TEXT        NOT NULL,
    digest        TEXT        NOT NULL,
    label         TEXT        NOT NULL,
    environment   TEXT        NOT NULL,
    deployment_id TEXT        NOT NULL,
    labelled_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository, digest, label)
);

-- Labels to apply in a registry, retried with back-off until the registry takes them.
CREATE TABLE label_application (
    id              BIGSERIAL PRIMARY KEY,
    registry        TEXT        NOT NULL,
    repository      TEXT        NOT NULL,
    digest          TEXT        NOT NULL,
    label           TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    applied_at      TIMESTAMPTZ,
    UNIQUE (registry, repository, digest, label)
);

CREATE INDEX label_application_due ON label_application (next_attempt_at) WHERE state = 'PENDING';
