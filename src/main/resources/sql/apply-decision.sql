WITH decided AS (
    UPDATE applications
       SET status = :#status, cibil_score = :#cibil_score,
           decision_reasons = CAST(:#decision_reasons AS jsonb), policy_version = :#policy_version,
           decided_at = now(), decided_by = :#decided_by
     WHERE id = :#id AND status = 'PENDING'
    RETURNING id
)
INSERT INTO application_events (application_id, from_status, to_status, cibil_score, correlation_id,
                                actor, reason_codes, policy_version)
SELECT id, 'PENDING', :#status, :#cibil_score, :#correlation_id,
       :#decided_by, string_to_array(:#reason_codes, ','), :#policy_version FROM decided
