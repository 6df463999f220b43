package store;

import java.time.Duration;
import java.util.Map;

/**
 * {@code redrive-stale-applications.sql}: publishes again the event of every application still
 * PENDING longer than {@code pendingAge} after its event was last published.
 */
public record StaleSweep(Duration pendingAge) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("pending_age", SqlParameters.interval(pendingAge));
  }
}
