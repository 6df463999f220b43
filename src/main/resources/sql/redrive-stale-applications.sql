INSERT INTO outbox (topic, message_key, payload, correlation_id)
SELECT latest.topic, latest.message_key, latest.payload, latest.correlation_id
  FROM applications a
 CROSS JOIN LATERAL (SELECT o.topic, o.message_key, o.payload, o.correlation_id, o.published_at
                       FROM outbox o
                      WHERE o.message_key = CAST(a.id AS varchar)
                      ORDER BY o.id DESC
                      LIMIT 1) latest
 WHERE a.status = 'PENDING'
   AND latest.published_at < now() - CAST(:#pending_age AS interval)
