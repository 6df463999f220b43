package store;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code escalate-review.sql}: marks task {@code reviewId} escalated, once, with its audit event by
 * {@code actor} and its {@code loan_decisions} event.
 */
public record ReviewEscalation(UUID reviewId, String actor, DecisionEventRow event)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    var parameters = new HashMap<String, Object>();
    parameters.put("review_id", reviewId);
    parameters.put("actor", actor);
    event.addTo(parameters);
    return parameters;
  }
}
