SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS seconds
  FROM applications
 WHERE status = 'PENDING'
