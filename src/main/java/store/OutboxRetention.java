package store;

import java.time.Duration;
import java.util.Map;

/**
 * {@code delete-published-outbox.sql}: deletes outbox rows published longer ago than {@code
 * retention}, except those of applications still PENDING, which a stale sweep may publish again.
 */
public record OutboxRetention(Duration retention) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("retention", SqlParameters.interval(retention));
  }
}
