SELECT a.id AS application_id, a.pan_number_sealed, a.monthly_income_inr, a.loan_amount_inr,
       a.loan_type, a.cibil_score, a.status, CAST(a.decision_reasons AS text) AS decision_reasons,
       a.policy_version, a.decided_at, a.decided_by, a.created_at, a.updated_at,
       a.personal_data_erased_at,
       -- The review task as the reviewers see it now, in the same snapshot as the status; all null
       -- when the policy decided alone.
       r.review_id, r.due_at AS review_due_at, r.overdue AS review_overdue,
       r.claimed_by AS review_claimed_by, r.claimed_until AS review_claimed_until,
       r.state AS review_state, r.proposed_outcome AS review_proposed_outcome,
       r.proposed_by AS review_proposed_by
  FROM applications a
  LEFT JOIN review_tasks_now r ON r.application_id = a.id
 WHERE a.id = :#id
