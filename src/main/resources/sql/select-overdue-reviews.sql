SELECT t.id AS review_id, t.application_id, t.due_at,
       CAST(a.decision_reasons AS text) AS decision_reasons, a.policy_version, a.decided_by, a.decided_at
  FROM review_tasks t
  JOIN applications a ON a.id = t.application_id
 WHERE t.state <> 'done' AND t.due_at < now() AND t.escalated_at IS NULL
 ORDER BY t.due_at
 LIMIT :#limit
