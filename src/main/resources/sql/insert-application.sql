WITH claimed AS (
    INSERT INTO idempotency_keys (idempotency_key, request_hash, application_id)
    SELECT CAST(:#idempotency_key AS varchar), CAST(:#request_hash AS varchar), :#id
     WHERE CAST(:#idempotency_key AS varchar) IS NOT NULL
    ON CONFLICT (idempotency_key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, application_id = EXCLUDED.application_id, created_at = now()
     WHERE idempotency_keys.created_at < now() - CAST(:#key_retention AS interval)
    RETURNING application_id
), application AS (
    INSERT INTO applications (id, pan_number_sealed, applicant_name_sealed, pan_lookup, monthly_income_inr, loan_amount_inr, loan_type, status)
    SELECT :#id, :#pan_number_sealed, :#applicant_name_sealed, :#pan_lookup, :#monthly_income_inr, :#loan_amount_inr, :#loan_type, 'PENDING'
     WHERE CAST(:#idempotency_key AS varchar) IS NULL OR EXISTS (SELECT 1 FROM claimed)
    RETURNING id
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, correlation_id)
    SELECT id, NULL, 'PENDING', :#correlation_id FROM application
)
INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT :#topic, :#message_key, :#payload, :#correlation_id FROM application
