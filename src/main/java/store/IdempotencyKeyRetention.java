package store;

import java.time.Duration;
import java.util.Map;

/**
 * {@code delete-expired-idempotency-keys.sql}: forgets the Idempotency-Keys stored longer ago than
 * {@code retention}; their applications stay.
 */
public record IdempotencyKeyRetention(Duration retention) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("retention", SqlParameters.interval(retention));
  }
}
