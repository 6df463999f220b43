WITH resealed AS (
    UPDATE applications
       SET pan_number = NULL, applicant_name = NULL, pan_number_sealed = :#pan_number_sealed,
           applicant_name_sealed = :#applicant_name_sealed, pan_lookup = :#pan_lookup
     WHERE id = :#id AND personal_data_erased_at IS NULL
    RETURNING id
)
-- A message V1 wrote to the outbox carries the PAN and name in plain text: it is rewritten to the
-- sealed form credit-service reads.
UPDATE outbox
   SET payload = CAST(CAST(payload AS jsonb) - 'pan_number' - 'applicant_name'
                      || jsonb_build_object('pan_number_sealed', CAST(:#pan_number_sealed AS text)) AS text)
 WHERE message_key IN (SELECT CAST(id AS varchar) FROM resealed)
   AND (CAST(payload AS jsonb) -> 'pan_number') IS NOT NULL
