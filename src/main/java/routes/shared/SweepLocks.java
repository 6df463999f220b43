package routes.shared;

import org.apache.camel.Exchange;
import store.SweepLock;
import store.SweepLockHeld;

/**
 * The sweeps that must run on one instance at a time (the stale-application re-drive, the review
 * escalation) are transacted routes whose first write-side step takes their {@link SweepLock}: with
 * the lock, the run's statements follow in the same transaction, so their snapshots see everything
 * the previous holder committed; without it, another instance is running the sweep and this one
 * skips it. Losing the race is the normal case with two or more instances, so it is logged at
 * DEBUG.
 */
public final class SweepLocks {

  /** Takes the lock in the body ({@link SweepLock}); the body becomes {@link SweepLockHeld}. */
  public static final String TRY_LOCK =
      "sql:classpath:sql/try-sweep-lock.sql?outputType=SelectOne&outputClass="
          + SweepLockHeld.class.getName();

  private SweepLocks() {}

  /** After {@link #TRY_LOCK}: another instance's transaction holds the lock. */
  public static boolean heldElsewhere(Exchange exchange) {
    return !exchange.getMessage().getBody(SweepLockHeld.class).held();
  }
}
