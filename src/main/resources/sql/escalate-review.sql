WITH escalated AS (
    UPDATE review_tasks
       SET escalated_at = now()
     WHERE id = :#review_id AND state <> 'done' AND escalated_at IS NULL
    RETURNING application_id
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, action, actor)
    SELECT application_id, 'MANUAL_REVIEW', 'MANUAL_REVIEW', 'REVIEW_ESCALATED', :#actor FROM escalated
)
INSERT INTO outbox (topic, message_key, payload)
SELECT :#event_topic, CAST(application_id AS varchar), :#event_payload FROM escalated
