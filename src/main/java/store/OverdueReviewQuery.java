package store;

import java.util.Map;

/** {@code select-overdue-reviews.sql}: the {@code limit} most overdue tasks not yet escalated. */
public record OverdueReviewQuery(int limit) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("limit", limit);
  }
}
