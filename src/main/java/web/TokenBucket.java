package web;

/**
 * A token bucket: {@code burst} requests at once, then {@code perSecond} on average. Time is
 * whatever nanosecond clock the caller passes, so the refill is exact and testable; not
 * thread-safe, callers hold the lock.
 */
final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double perNano;
  private final double burst;
  private double tokens;
  private long updatedAt;

  TokenBucket(double perSecond, int burst, long now) {
    this.perNano = perSecond / NANOS_PER_SECOND;
    this.burst = burst;
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token if there is one: 0 then, otherwise the nanoseconds until the next one. */
  long take(long now) {
    tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
    updatedAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perNano);
  }
}
