-- Webhook and CI deliveries taken in: a retried delivery is recognised and announced once.
CREATE TABLE ingress_delivery (
    source      TEXT        NOT NULL,
    delivery_id TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, delivery_id)
);
