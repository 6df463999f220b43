package store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import review.ReviewState;

/**
 * {@code select-review-queue.sql}: the tasks in the given states (a lapsed claim counts as open),
 * only the overdue ones if asked, the soonest due first; overdue tasks are due soonest of all.
 */
public record ReviewQueueQuery(List<ReviewState> states, boolean overdueOnly, int limit)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of(
        "states",
        states.stream().map(ReviewState::label).collect(Collectors.joining(",")),
        "overdue_only",
        overdueOnly,
        "limit",
        limit);
  }
}
