SELECT t.id AS review_id, t.application_id, a.loan_type, a.loan_amount_inr, t.due_at,
       t.state <> 'done' AND t.due_at < now() AS overdue,
       CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN NULL ELSE t.claimed_by END AS claimed_by,
       CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN NULL ELSE t.claimed_until END AS claimed_until,
       CASE WHEN t.state = 'claimed' AND t.claimed_until < now() THEN 'open' ELSE t.state END AS state,
       t.proposed_outcome, t.proposed_by,
       CAST(t.proposed_reasons AS text) AS proposed_reasons, t.proposed_note
  FROM review_tasks t
  JOIN applications a ON a.id = t.application_id
 WHERE t.id = :#review_id
