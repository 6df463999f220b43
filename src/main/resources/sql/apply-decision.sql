WITH decided AS (
    UPDATE applications
       SET status = :#status, cibil_score = :#cibil_score
     WHERE id = :#id AND status = 'PENDING'
    RETURNING id
)
INSERT INTO application_events (application_id, from_status, to_status, cibil_score, correlation_id)
SELECT id, 'PENDING', :#status, :#cibil_score, :#correlation_id FROM decided
