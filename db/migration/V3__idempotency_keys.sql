-- The Idempotency-Key of a POST /applications, written in the same statement as the application it
-- created, with a SHA-256 of the validated request (never the request itself, which holds the PAN).
-- A table of its own rather than a column of applications: a key is forgotten after its retention
-- (24 h) while the application stays, and forgetting is then a DELETE of a small row, not an UPDATE
-- of the application (which would move its updated_at) under a unique index over every
-- application ever stored.
CREATE TABLE idempotency_keys (
    idempotency_key VARCHAR(128) PRIMARY KEY,
    request_hash    CHAR(64)     NOT NULL,
    application_id  UUID         NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The purge deletes by age; erasing an application deletes its key.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
CREATE INDEX idempotency_keys_application_id_idx ON idempotency_keys (application_id);
