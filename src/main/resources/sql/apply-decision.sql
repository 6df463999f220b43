WITH decided AS (
    UPDATE applications
       SET status = :#status, cibil_score = :#cibil_score,
           decision_reasons = CAST(:#decision_reasons AS jsonb), policy_version = :#policy_version,
           decided_at = :#decided_at, decided_by = :#decided_by
     WHERE id = :#id AND status = 'PENDING'
    RETURNING id
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, cibil_score, correlation_id,
                                    actor, reason_codes, policy_version, created_at)
    SELECT id, 'PENDING', :#status, :#cibil_score, :#correlation_id,
           :#decided_by, string_to_array(:#reason_codes, ','), :#policy_version, :#decided_at
      FROM decided
), task AS (
    INSERT INTO review_tasks (id, application_id, due_at, created_at)
    SELECT CAST(:#review_id AS uuid), id, CAST(:#due_at AS timestamptz), :#decided_at
      FROM decided
     WHERE CAST(:#review_id AS uuid) IS NOT NULL
)
INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT :#event_topic, CAST(id AS varchar), :#event_payload, :#correlation_id FROM decided
