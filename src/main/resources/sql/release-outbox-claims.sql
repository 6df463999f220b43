UPDATE outbox SET claimed_until = NULL WHERE id IN (:#in:ids) AND published_at IS NULL
