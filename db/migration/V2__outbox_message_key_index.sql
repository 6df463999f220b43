-- The stale-application re-drive and the outbox clean-up look rows up by application id.
CREATE INDEX outbox_message_key_idx ON outbox (message_key);
