package store;

import java.util.Map;
import java.util.UUID;

/**
 * {@code select-review-task.sql}: review task {@code reviewId}, read into a {@link ReviewTaskRow}.
 */
public record ReviewTaskLookup(UUID reviewId) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("review_id", reviewId);
  }
}
