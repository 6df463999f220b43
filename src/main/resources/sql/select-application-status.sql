SELECT id AS application_id, status, CAST(decision_reasons AS text) AS decision_reasons, policy_version
  FROM applications
 WHERE id = :#id
