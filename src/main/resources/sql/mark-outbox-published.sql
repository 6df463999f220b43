UPDATE outbox SET published_at = now(), claimed_until = NULL WHERE id IN (:#in:ids)
