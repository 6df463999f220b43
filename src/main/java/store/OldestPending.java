package store;

/** The row of {@code oldest-pending-age.sql}: how old the oldest PENDING application is. */
public record OldestPending(double seconds) {}
