WITH claimed AS (
    UPDATE review_tasks
       SET state = 'claimed', claimed_by = :#reviewer,
           claimed_until = now() + CAST(:#claim_timeout AS interval)
     WHERE id = :#review_id
       AND (state = 'open'
            OR (state = 'claimed' AND (claimed_by = :#reviewer OR claimed_until < now())))
    RETURNING application_id
)
INSERT INTO application_events (application_id, from_status, to_status, correlation_id, action, actor)
SELECT application_id, 'MANUAL_REVIEW', 'MANUAL_REVIEW', :#correlation_id, 'REVIEW_CLAIMED', :#reviewer
  FROM claimed
