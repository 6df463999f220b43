-- Loan applications, their audit trail of status changes, and the outbox that carries each
-- submission to Kafka in the same transaction as the row itself.

CREATE TABLE applications (
    id                 UUID          PRIMARY KEY,
    pan_number         VARCHAR(10)   NOT NULL,
    applicant_name     VARCHAR(255),
    monthly_income_inr DECIMAL(12,2) NOT NULL,
    loan_amount_inr    DECIMAL(12,2) NOT NULL,
    loan_type          VARCHAR(20),
    status             VARCHAR(20)   NOT NULL DEFAULT 'PENDING',
    cibil_score        INTEGER,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT applications_status_check
        CHECK (status IN ('PENDING', 'PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW')),
    CONSTRAINT applications_cibil_score_check
        CHECK (cibil_score IS NULL OR cibil_score BETWEEN 300 AND 900),
    CONSTRAINT applications_monthly_income_check CHECK (monthly_income_inr > 0),
    CONSTRAINT applications_loan_amount_check CHECK (loan_amount_inr > 0),
    CONSTRAINT applications_loan_type_check CHECK (loan_type IN ('PERSONAL', 'HOME', 'AUTO'))
);

CREATE INDEX applications_pan_number_idx ON applications (pan_number);
CREATE INDEX applications_status_idx ON applications (status);
CREATE INDEX applications_created_at_idx ON applications (created_at DESC);

CREATE FUNCTION applications_touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER applications_updated_at
    BEFORE UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_touch_updated_at();

-- One row per status change, written in the same statement as the change: the proof that an
-- application was decided exactly once.
CREATE TABLE application_events (
    id             BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id UUID        NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    from_status    VARCHAR(20),
    to_status      VARCHAR(20) NOT NULL,
    cibil_score    INTEGER,
    correlation_id VARCHAR(64),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX application_events_application_id_idx ON application_events (application_id);

-- Events waiting for Kafka. A relay claims a batch of unpublished rows for a lease
-- (FOR UPDATE SKIP LOCKED, so several API instances never claim the same row), publishes them, then
-- marks them published. A relay that dies mid-batch holds no lock: its lease simply expires.
CREATE TABLE outbox (
    id             BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic          VARCHAR(249) NOT NULL,
    message_key    VARCHAR(64)  NOT NULL,
    payload        TEXT         NOT NULL,
    correlation_id VARCHAR(64),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    claimed_until  TIMESTAMPTZ,
    published_at   TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
