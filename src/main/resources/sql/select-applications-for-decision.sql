SELECT id, status, monthly_income_inr, loan_amount_inr
  FROM applications
 WHERE id = ANY (CAST(:#ids AS uuid[]))
