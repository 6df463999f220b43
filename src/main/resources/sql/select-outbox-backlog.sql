-- Both read the partial index of unpublished rows: the count without touching published rows, the
-- oldest as the lowest id, without a scan.
SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS backlog,
       COALESCE((SELECT EXTRACT(EPOCH FROM now() - created_at)
                   FROM outbox
                  WHERE published_at IS NULL
                  ORDER BY id
                  LIMIT 1), 0) AS oldest_age_seconds
