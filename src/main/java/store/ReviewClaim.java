package store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code claim-review.sql}: {@code reviewer} takes task {@code reviewId} for {@code claimTimeout},
 * if it is open, already theirs, or held by a claim that lapsed; with its audit event.
 */
public record ReviewClaim(
    UUID reviewId, String reviewer, Duration claimTimeout, String correlationId)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    var parameters = new HashMap<String, Object>();
    parameters.put("review_id", reviewId);
    parameters.put("reviewer", reviewer);
    parameters.put("claim_timeout", SqlParameters.interval(claimTimeout));
    parameters.put("correlation_id", correlationId);
    return parameters;
  }
}
