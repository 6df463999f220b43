-- A group of submissions without an Idempotency-Key, each stored with its first audit event and
-- its outbox event, in one statement and one commit.
WITH submitted AS (
    SELECT *
      FROM unnest(CAST(:#ids AS uuid[]), CAST(:#pan_numbers_sealed AS text[]),
                  CAST(:#applicant_names_sealed AS text[]), CAST(:#pan_lookups AS text[]),
                  CAST(:#monthly_incomes_inr AS numeric[]), CAST(:#loan_amounts_inr AS numeric[]),
                  CAST(:#loan_types AS varchar[]), CAST(:#correlation_ids AS varchar[]),
                  CAST(:#payloads AS text[]))
        AS s (id, pan_number_sealed, applicant_name_sealed, pan_lookup, monthly_income_inr,
              loan_amount_inr, loan_type, correlation_id, payload)
), application AS (
    INSERT INTO applications (id, pan_number_sealed, applicant_name_sealed, pan_lookup, monthly_income_inr, loan_amount_inr, loan_type, status)
    SELECT id, pan_number_sealed, applicant_name_sealed, pan_lookup, monthly_income_inr, loan_amount_inr, loan_type, 'PENDING'
      FROM submitted
    RETURNING id
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, correlation_id)
    SELECT s.id, NULL, 'PENDING', s.correlation_id
      FROM submitted s JOIN application USING (id)
)
INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT :#topic, CAST(s.id AS varchar), s.payload, s.correlation_id
  FROM submitted s JOIN application USING (id)
