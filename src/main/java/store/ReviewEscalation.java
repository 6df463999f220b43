package store;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code escalate-review.sql}: marks task {@code reviewId} escalated, once, with its audit event by
 * {@code actor} and its {@code loan_decisions} event; {@code select-overdue-reviews.sql} takes the
 * {@code limit} most overdue tasks not yet escalated.
 */
public record ReviewEscalation(UUID reviewId, String actor, DecisionEventRow event, int limit)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    var parameters = new HashMap<String, Object>();
    parameters.put("review_id", reviewId);
    parameters.put("actor", actor);
    parameters.put("limit", limit);
    if (event != null) {
      event.addTo(parameters);
    }
    return parameters;
  }
}
