WITH proposed AS (
    UPDATE review_tasks
       SET state = 'awaiting_confirmation', proposed_outcome = :#outcome,
           proposed_reasons = CAST(:#decision_reasons AS jsonb), proposed_note = :#note,
           proposed_by = :#reviewer, claimed_until = NULL
     WHERE id = :#review_id AND state = 'claimed' AND claimed_by = :#reviewer
       AND claimed_until >= now()
    RETURNING application_id
)
INSERT INTO application_events (application_id, from_status, to_status, correlation_id, action, actor,
                                reason_codes, note)
SELECT application_id, 'MANUAL_REVIEW', 'MANUAL_REVIEW', :#correlation_id, 'REVIEW_PROPOSED', :#reviewer,
       string_to_array(:#reason_codes, ','), :#note
  FROM proposed
