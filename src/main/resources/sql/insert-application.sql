WITH application AS (
    INSERT INTO applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr, loan_type, status)
    VALUES (:#id, :#pan_number, :#applicant_name, :#monthly_income_inr, :#loan_amount_inr, :#loan_type, 'PENDING')
    RETURNING id
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, correlation_id)
    SELECT id, NULL, 'PENDING', :#correlation_id FROM application
)
INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT :#topic, :#message_key, :#payload, :#correlation_id FROM application
