package store;

import application.ApplicationStatus;
import decision.Decision;
import decision.ReasonCode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code apply-decision.sql}: the decision of application {@code id}, with its reasons and policy
 * version, applied only while it is PENDING, with its audit event. The outcome was decided from the
 * {@link StoredApplication} and the score of the {@link ScoredApplication}.
 */
public record RecordedDecision(UUID id, Decision decision, int cibilScore, String correlationId)
    implements SqlParameters {

  /** Who decides when no reviewer does: {@code decided_by} and the audit event's actor. */
  public static final String AUTOMATED = "system";

  public ApplicationStatus status() {
    return decision.outcome();
  }

  @Override
  public Map<String, Object> toParameters() {
    // The correlation id may be missing from a message; Map.of refuses nulls.
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    parameters.put("status", status().name());
    parameters.put("cibil_score", cibilScore);
    parameters.put("decision_reasons", DecisionReasons.toJson(decision.reasons()));
    // Codes are [A-Z_]+, so a comma-separated list is an unambiguous text[] for string_to_array.
    parameters.put(
        "reason_codes",
        decision.reasonCodes().stream().map(ReasonCode::name).collect(Collectors.joining(",")));
    parameters.put("policy_version", decision.policyVersion());
    parameters.put("decided_by", AUTOMATED);
    parameters.put("correlation_id", correlationId);
    return parameters;
  }
}
