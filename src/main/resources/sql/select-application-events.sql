SELECT a.id AS application_id, e.id AS event_id, e.from_status, e.to_status, e.created_at,
       e.actor, e.action, array_to_string(e.reason_codes, ',') AS reason_codes, e.policy_version,
       e.note, e.correlation_id
  FROM applications a
  LEFT JOIN application_events e ON e.application_id = a.id
 WHERE a.id = :#id
 ORDER BY e.created_at, e.id
