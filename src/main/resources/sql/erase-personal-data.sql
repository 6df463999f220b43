WITH erased AS (
    UPDATE applications
       SET pan_number = NULL, applicant_name = NULL, pan_number_sealed = NULL,
           applicant_name_sealed = NULL, pan_lookup = NULL, personal_data_erased_at = now()
     WHERE id = :#id AND status <> 'PENDING' AND personal_data_erased_at IS NULL
    RETURNING id, status
), forgotten_keys AS (
    DELETE FROM idempotency_keys WHERE application_id IN (SELECT id FROM erased)
), forgotten_messages AS (
    DELETE FROM outbox
     WHERE message_key IN (SELECT CAST(id AS varchar) FROM erased) AND topic = :#submitted_topic
)
INSERT INTO application_events (application_id, from_status, to_status, correlation_id, action)
SELECT id, status, status, :#correlation_id, 'PERSONAL_DATA_ERASED' FROM erased
