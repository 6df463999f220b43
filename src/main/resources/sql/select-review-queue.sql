SELECT t.id AS review_id, t.application_id, a.loan_type, a.loan_amount_inr, t.due_at,
       t.state <> 'done' AND t.due_at < now() AS overdue,
       CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN NULL ELSE t.claimed_by END AS claimed_by,
       CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN NULL ELSE t.claimed_until END AS claimed_until,
       CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN 'open' ELSE t.state END AS state,
       t.proposed_outcome, t.proposed_by,
       -- The queue shows who proposed what, not the proposal's reasons and note.
       CAST(NULL AS text) AS proposed_reasons, CAST(NULL AS text) AS proposed_note
  FROM review_tasks t
  JOIN applications a ON a.id = t.application_id
 WHERE CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN 'open' ELSE t.state END
       = ANY (string_to_array(:#states, ','))
   AND (CAST(:#overdue_only AS boolean) IS FALSE OR (t.state <> 'done' AND t.due_at < now()))
 ORDER BY t.due_at, t.id
 LIMIT :#limit
