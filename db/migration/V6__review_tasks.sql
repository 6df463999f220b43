-- The manual-review workflow. Each MANUAL_REVIEW decision creates one task, in the same statement
-- as the decision. A reviewer claims it (the claim lapses at claimed_until unless renewed), then
-- decides; approving a large loan proposes the decision, which a second, different reviewer
-- confirms. A task is decided once: every transition is a guarded UPDATE on its state.
CREATE TABLE review_tasks (
    id                    UUID          PRIMARY KEY,
    application_id        UUID          NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    state                 VARCHAR(24)   NOT NULL DEFAULT 'open',
    created_at            TIMESTAMPTZ   NOT NULL DEFAULT now(),
    due_at                TIMESTAMPTZ   NOT NULL,
    claimed_by            VARCHAR(128),
    claimed_until         TIMESTAMPTZ,
    -- The decision a reviewer proposed, awaiting a second reviewer's confirmation.
    proposed_outcome      VARCHAR(20),
    proposed_reasons      JSONB,
    proposed_note         TEXT,
    proposed_by           VARCHAR(128),
    confirmed_by          VARCHAR(128),
    decided_at            TIMESTAMPTZ,
    -- When the escalation found it overdue; an escalated task is escalated once.
    escalated_at          TIMESTAMPTZ,
    CONSTRAINT review_tasks_state_check
        CHECK (state IN ('open', 'claimed', 'awaiting_confirmation', 'done')),
    CONSTRAINT review_tasks_claim_check
        CHECK (state <> 'claimed' OR (claimed_by IS NOT NULL AND claimed_until IS NOT NULL)),
    CONSTRAINT review_tasks_proposal_check
        CHECK (state <> 'awaiting_confirmation'
               OR (proposed_outcome IS NOT NULL AND proposed_by IS NOT NULL))
);

-- The queue: the tasks not done, the soonest due first.
CREATE INDEX review_tasks_queue_idx ON review_tasks (due_at) WHERE state <> 'done';

-- A task as the reviewers see it now: a claim past claimed_until has lapsed, so the task reads as
-- open and held by no one, and a task not done past due_at is overdue. The queue and the steps
-- read tasks through this view, so the lapse is decided in one place.
CREATE VIEW review_tasks_now AS
SELECT t.id AS review_id, t.application_id, a.loan_type, a.loan_amount_inr, t.due_at,
       t.state <> 'done' AND t.due_at < now() AS overdue,
       CASE WHEN lapsed THEN NULL ELSE t.claimed_by END AS claimed_by,
       CASE WHEN lapsed THEN NULL ELSE t.claimed_until END AS claimed_until,
       CASE WHEN lapsed THEN 'open' ELSE t.state END AS state,
       t.proposed_outcome, t.proposed_by, t.proposed_reasons, t.proposed_note
  FROM review_tasks t
  JOIN applications a ON a.id = t.application_id
 CROSS JOIN LATERAL (SELECT t.state = 'claimed' AND t.claimed_until < now() AS lapsed) claim;
