WITH task AS (
    UPDATE review_tasks
       SET state = 'done', confirmed_by = :#reviewer, decided_at = :#decided_at
     WHERE id = :#review_id AND state = 'awaiting_confirmation' AND proposed_by <> :#reviewer
    RETURNING application_id, proposed_outcome, proposed_reasons, proposed_by
), decided AS (
    UPDATE applications a
       SET status = t.proposed_outcome, decision_reasons = t.proposed_reasons,
           policy_version = :#policy_version, decided_at = :#decided_at, decided_by = t.proposed_by
      FROM task t
     WHERE a.id = t.application_id AND a.status = 'MANUAL_REVIEW'
    RETURNING a.id, a.status
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, correlation_id, action, actor,
                                    reason_codes, policy_version, note, created_at)
    SELECT id, 'MANUAL_REVIEW', status, :#correlation_id, 'REVIEW_CONFIRMED', :#reviewer,
           string_to_array(:#reason_codes, ','), :#policy_version, :#note, :#decided_at
      FROM decided
)
INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT :#event_topic, CAST(id AS varchar), :#event_payload, :#correlation_id FROM decided
