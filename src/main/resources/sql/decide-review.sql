WITH task AS (
    UPDATE review_tasks
       SET state = 'done', decided_at = :#decided_at, claimed_until = NULL
     WHERE id = :#review_id AND state = 'claimed' AND claimed_by = :#reviewer
       AND claimed_until >= now()
    RETURNING application_id
), decided AS (
    UPDATE applications
       SET status = :#outcome, decision_reasons = CAST(:#decision_reasons AS jsonb),
           policy_version = :#policy_version, decided_at = :#decided_at, decided_by = :#reviewer
     WHERE id IN (SELECT application_id FROM task) AND status = 'MANUAL_REVIEW'
    RETURNING id
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, correlation_id, action, actor,
                                    reason_codes, policy_version, note, created_at)
    SELECT id, 'MANUAL_REVIEW', :#outcome, :#correlation_id, 'REVIEW_DECIDED', :#reviewer,
           string_to_array(:#reason_codes, ','), :#policy_version, :#note, :#decided_at
      FROM decided
)
INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT :#event_topic, CAST(id AS varchar), :#event_payload, :#correlation_id FROM decided
