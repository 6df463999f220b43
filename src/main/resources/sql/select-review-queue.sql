SELECT review_id, application_id, loan_type, loan_amount_inr, due_at, overdue, claimed_by,
       claimed_until, state, proposed_outcome, proposed_by,
       -- The queue shows who proposed what, not the proposal's reasons and note.
       CAST(NULL AS text) AS proposed_reasons, CAST(NULL AS text) AS proposed_note
  FROM review_tasks_now
 WHERE state = ANY (string_to_array(:#states, ','))
   AND (CAST(:#overdue_only AS boolean) IS FALSE OR overdue)
 ORDER BY due_at, review_id
 LIMIT :#limit
