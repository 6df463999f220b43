UPDATE outbox
   SET claimed_until = now() + CAST(:#lease AS interval)
 WHERE id IN (SELECT id
                FROM outbox
               WHERE published_at IS NULL
                 AND (claimed_until IS NULL OR claimed_until < now())
               ORDER BY id
               LIMIT :#batch_size
                 FOR UPDATE SKIP LOCKED)
RETURNING id, topic, message_key, payload, correlation_id
