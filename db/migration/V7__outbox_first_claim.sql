-- When a relay first claimed the row. A row claimed again while still unpublished (its relay died
-- or its send failed after the broker may have taken the records) is looked for on its topic
-- before it is sent again, from this time on, so no message is published twice.
ALTER TABLE outbox ADD COLUMN first_claimed_at TIMESTAMPTZ;
