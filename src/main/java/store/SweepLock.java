package store;

import java.util.Map;

/**
 * {@code try-sweep-lock.sql}: the PostgreSQL advisory lock that lets one instance at a time run a
 * sweep. Each sweep runs in one transaction that takes its lock first and skips the run if another
 * instance holds it; the lock goes with the transaction (commit, rollback or a dead connection), so
 * a killed instance never leaves it behind. The keys are written here and nowhere else.
 */
public enum SweepLock implements SqlParameters {
  STALE_APPLICATIONS(4_721_001L),
  REVIEW_ESCALATION(4_721_002L);

  private final long key;

  SweepLock(long key) {
    this.key = key;
  }

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("lock_key", key);
  }
}
