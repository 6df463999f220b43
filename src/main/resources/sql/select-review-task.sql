SELECT review_id, application_id, loan_type, loan_amount_inr, due_at, overdue, claimed_by,
       claimed_until, state, proposed_outcome, proposed_by,
       CAST(proposed_reasons AS text) AS proposed_reasons, proposed_note
  FROM review_tasks_now
 WHERE review_id = :#review_id
