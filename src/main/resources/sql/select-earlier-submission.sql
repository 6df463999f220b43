SELECT k.application_id, a.status, k.request_hash
  FROM idempotency_keys k
  JOIN applications a ON a.id = k.application_id
 WHERE k.idempotency_key = :#idempotency_key
