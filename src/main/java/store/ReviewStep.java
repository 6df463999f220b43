package store;

import decision.Reason;
import decision.ReasonCode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reviewer's step on task {@code reviewId}, each applied only if the task is where the step
 * expects it, in one statement with its audit event:
 *
 * <ul>
 *   <li>{@code decide-review.sql}: the holder of a live claim decides; the application leaves
 *       MANUAL_REVIEW with the reasons, and its {@code loan_decisions} event goes to the outbox.
 *   <li>{@code propose-review.sql}: the holder of a live claim proposes an approval that needs a
 *       second reviewer; the application stays MANUAL_REVIEW.
 *   <li>{@code confirm-review.sql}: a reviewer other than the proposer confirms the proposal, which
 *       then decides the application as {@code decide-review.sql} would.
 * </ul>
 */
public record ReviewStep(
    UUID reviewId,
    String reviewer,
    Enum<?> outcome,
    List<Reason> reasons,
    String note,
    String policyVersion,
    Instant decidedAt,
    String correlationId,
    DecisionEventRow event)
    implements SqlParameters {

  public ReviewStep {
    reasons = List.copyOf(reasons);
  }

  public List<ReasonCode> reasonCodes() {
    return reasons.stream().map(Reason::code).toList();
  }

  @Override
  public Map<String, Object> toParameters() {
    // The note and the correlation id are optional; Map.of refuses nulls.
    var parameters = new HashMap<String, Object>();
    parameters.put("review_id", reviewId);
    parameters.put("reviewer", reviewer);
    parameters.put("outcome", outcome.name());
    parameters.put("decision_reasons", DecisionReasons.toJson(reasons));
    parameters.put("reason_codes", DecisionReasons.codes(reasons));
    parameters.put("note", note);
    parameters.put("policy_version", policyVersion);
    parameters.put("decided_at", Timestamp.from(decidedAt));
    parameters.put("correlation_id", correlationId);
    if (event != null) {
      event.addTo(parameters);
    }
    return parameters;
  }
}
