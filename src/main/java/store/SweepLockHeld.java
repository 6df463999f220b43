package store;

/** The row of {@code try-sweep-lock.sql}: whether this transaction now holds the sweep's lock. */
public record SweepLockHeld(boolean held) {}
