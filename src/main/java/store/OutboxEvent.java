package store;

/** One outbox row as {@code claim-outbox.sql} returns it: a message to publish, and where. */
public record OutboxEvent(
    long id, String topic, String messageKey, String payload, String correlationId) {}
