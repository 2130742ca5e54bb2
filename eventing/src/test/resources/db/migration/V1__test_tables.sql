-- The producing side's state change and the consuming side's effect, for the eventing tests.
CREATE TABLE pushed_image (
    digest TEXT PRIMARY KEY
);

CREATE TABLE applied_event (
    id          BIGSERIAL PRIMARY KEY,
    digest      TEXT NOT NULL,
    event_id    TEXT NOT NULL
);
