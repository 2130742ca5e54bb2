-- What each artifact is and what its manifest names, read from the registry: its kind, the subject a signature,
-- attestation or SBOM refers to, an index's children, and the blobs (digest and size, in two parallel arrays).
-- Until the registry has been read (structure_read), kind and subject come from the tags alone.
ALTER TABLE artifact
    ADD COLUMN kind           TEXT     NOT NULL DEFAULT 'image',
    ADD COLUMN artifact_type  TEXT,
    ADD COLUMN subject        TEXT,
    ADD COLUMN children       TEXT[]   NOT NULL DEFAULT '{}',
    ADD COLUMN blob_digests   TEXT[]   NOT NULL DEFAULT '{}',
    ADD COLUMN blob_sizes     BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN structure_read BOOLEAN  NOT NULL DEFAULT false;

-- Artifacts recorded before: cosign's tag scheme (sha256-<hex>.sig|.att|.sbom) and the OCI 1.1 referrers tag
-- (sha256-<hex>) say what they are and whose they are.
UPDATE artifact a
SET kind    = CASE substring(t.tag FROM '\.(sig|att|sbom)$')
                  WHEN 'sig' THEN 'signature' WHEN 'att' THEN 'attestation' WHEN 'sbom' THEN 'sbom'
                  ELSE 'referrers' END,
    subject = replace(substring(t.tag FROM '^(sha256-[0-9a-f]{64})'), '-', ':')
FROM (SELECT id, unnest(tags) AS tag FROM artifact) t
WHERE t.id = a.id AND t.tag ~ '^sha256-[0-9a-f]{64}(\.(sig|att|sbom))?$';

-- A plan item's kind, the bytes deleting it frees (the blobs no kept artifact names, each counted at one item only),
-- and the policy version that decided it.
ALTER TABLE plan_item
    ADD COLUMN kind           TEXT    NOT NULL DEFAULT 'image',
    ADD COLUMN own_bytes      BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN policy_id      TEXT,
    ADD COLUMN policy_version INTEGER NOT NULL DEFAULT 0;
