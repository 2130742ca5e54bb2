-- The eventing library's tables, created in the schema of the service that uses it.
-- Versions 0.x belong to the library; each service numbers its own migrations from 1.

-- Events written in the same transaction as the state change they announce, sent by the relay.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      TEXT        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    partition_key TEXT        NOT NULL,
    ce_type       TEXT        NOT NULL,
    ce_source     TEXT        NOT NULL,
    ce_subject    TEXT,
    ce_time       TIMESTAMPTZ NOT NULL,
    data_schema   TEXT,
    payload       BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ
);

CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Events a consumer has applied, claimed in the same transaction as their effect.
CREATE TABLE inbox (
    consumer     TEXT        NOT NULL,
    ce_source    TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    ce_type      TEXT        NOT NULL,
    topic        TEXT        NOT NULL,
    kafka_partition INTEGER  NOT NULL,
    kafka_offset BIGINT      NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, ce_source, event_id)
);

CREATE INDEX inbox_processed_at ON inbox (processed_at);
