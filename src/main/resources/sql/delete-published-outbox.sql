DELETE FROM outbox o
 WHERE o.published_at < now() - CAST(:#retention AS interval)
   AND NOT EXISTS (SELECT 1
                     FROM applications a
                    WHERE a.id = CAST(o.message_key AS uuid)
                      AND a.status = 'PENDING')
