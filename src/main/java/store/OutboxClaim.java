package store;

import java.time.Duration;
import java.util.Map;

/**
 * {@code claim-outbox.sql}: reserves up to {@code batchSize} unpublished outbox rows for {@code
 * lease}; each claimed row is read as an {@link OutboxEvent}.
 */
public record OutboxClaim(Duration lease, int batchSize) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("lease", SqlParameters.interval(lease), "batch_size", batchSize);
  }
}
