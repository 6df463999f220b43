-- Every decision explains itself: the reasons it gave (code, factor, observed value, threshold and
-- the applicant's sentence), the version of the lending policy that produced it, when it was made
-- and by whom ('system' or a reviewer's id). Rows decided before this migration have none.
ALTER TABLE applications
    ADD COLUMN decision_reasons JSONB,
    ADD COLUMN policy_version   VARCHAR(64),
    ADD COLUMN decided_at       TIMESTAMPTZ,
    ADD COLUMN decided_by       VARCHAR(128),
    ADD CONSTRAINT applications_decision_reasons_check
        CHECK (decision_reasons IS NULL OR jsonb_typeof(decision_reasons) = 'array');

-- Each audit event says who acted, with which reason codes, under which policy, and a reviewer's
-- note.
ALTER TABLE application_events
    ADD COLUMN actor          VARCHAR(128),
    ADD COLUMN reason_codes   VARCHAR(64)[],
    ADD COLUMN policy_version VARCHAR(64),
    ADD COLUMN note           TEXT;
