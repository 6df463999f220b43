package store;

/**
 * The row of {@code select-outbox-backlog.sql}: outbox rows not yet published and the age of the
 * oldest of them (0 when none).
 */
public record OutboxBacklogReading(long backlog, double oldestAgeSeconds) {}
