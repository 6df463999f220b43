SELECT id AS application_id, pan_number_sealed, monthly_income_inr, loan_amount_inr, loan_type,
       cibil_score, status, CAST(decision_reasons AS text) AS decision_reasons, policy_version,
       decided_at, decided_by, created_at, updated_at, personal_data_erased_at
  FROM applications
 WHERE id = :#id
