-- Quality gates (ADR 0018).

-- Every environment each digest was deployed to successfully, first when: the promotion path asks whether a digest
-- ran in prod_test before prod. Filled from what runs now; deployments add to it.
CREATE TABLE deployment_success (
    digest      TEXT        NOT NULL,
    environment TEXT        NOT NULL,
    registry    TEXT        NOT NULL,
    repository  TEXT        NOT NULL,
    first_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (digest, environment, registry, repository)
);
INSERT INTO deployment_success (digest, environment, registry, repository, first_at)
SELECT digest, environment, registry, repository, min(deployed_at) FROM deployment GROUP BY 1, 2, 3, 4;

-- The newest vulnerability scan of each digest (ImageScanned); counts are null when the scanner did not give them.
CREATE TABLE image_scan (
    digest     TEXT PRIMARY KEY,
    scanner    TEXT,
    critical   INTEGER,
    high       INTEGER,
    scanned_at TIMESTAMPTZ NOT NULL
);

-- The owners' rules: a team's rule binds the repositories it owns that match the glob.
CREATE TABLE gate_rule (
    id           BIGSERIAL PRIMARY KEY,
    team         TEXT        NOT NULL,
    repositories TEXT        NOT NULL,
    rule         TEXT        NOT NULL,
    mode         TEXT        NOT NULL,
    max          INTEGER,
    days         INTEGER,
    patterns     TEXT[]      NOT NULL DEFAULT '{}',
    changed_by   TEXT        NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX gate_rule_by_team ON gate_rule (team);

-- Every verdict: who asked (a person, CI, the Kubernetes API server), about which image, for which environment.
CREATE TABLE gate_evaluation (
    id          BIGSERIAL PRIMARY KEY,
    asked_by    TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    reference   TEXT        NOT NULL,
    digest      TEXT,
    environment TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    failed      TEXT[]      NOT NULL DEFAULT '{}',
    warned      TEXT[]      NOT NULL DEFAULT '{}',
    detail      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX gate_evaluation_by_time ON gate_evaluation (at DESC);
