WITH claimable AS (
    SELECT id, first_claimed_at
      FROM outbox
     WHERE published_at IS NULL
       AND (claimed_until IS NULL OR claimed_until < now())
     ORDER BY id
     LIMIT :#batch_size
       FOR UPDATE SKIP LOCKED
)
UPDATE outbox o
   SET claimed_until = now() + CAST(:#lease AS interval),
       first_claimed_at = COALESCE(o.first_claimed_at, now())
  FROM claimable c
 WHERE o.id = c.id
RETURNING o.id, o.topic, o.message_key, o.payload, o.correlation_id,
          CAST(extract(epoch FROM c.first_claimed_at) * 1000 AS bigint) AS earlier_claim_millis
