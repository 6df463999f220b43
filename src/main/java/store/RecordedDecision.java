package store;

import application.ApplicationStatus;
import decision.Decision;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code apply-decision.sql}: the decision of application {@code id}, with its reasons and policy
 * version, applied only while it is PENDING, with its audit event, its {@code loan_decisions} event
 * in the outbox and, for MANUAL_REVIEW, its review task. The outcome was decided from the {@link
 * StoredApplication} and the score of the {@link ScoredApplication}.
 */
public record RecordedDecision(
    UUID id,
    Decision decision,
    int cibilScore,
    String correlationId,
    Instant decidedAt,
    ReviewReferral referral,
    DecisionEventRow event)
    implements SqlParameters {

  /** Who decides when no reviewer does: {@code decided_by} and the audit event's actor. */
  public static final String AUTOMATED = "system";

  /** The review task a MANUAL_REVIEW decision creates; null for any other outcome. */
  public record ReviewReferral(UUID reviewId, Instant dueAt) {}

  public ApplicationStatus status() {
    return decision.outcome();
  }

  @Override
  public Map<String, Object> toParameters() {
    // The correlation id may be missing from a message, the referral absent; Map.of refuses nulls.
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    parameters.put("status", status().name());
    parameters.put("cibil_score", cibilScore);
    parameters.put("decision_reasons", DecisionReasons.toJson(decision.reasons()));
    parameters.put("reason_codes", DecisionReasons.codes(decision.reasons()));
    parameters.put("policy_version", decision.policyVersion());
    parameters.put("decided_by", AUTOMATED);
    parameters.put("decided_at", Timestamp.from(decidedAt));
    parameters.put("correlation_id", correlationId);
    parameters.put("review_id", referral == null ? null : referral.reviewId());
    parameters.put("due_at", referral == null ? null : Timestamp.from(referral.dueAt()));
    event.addTo(parameters);
    return parameters;
  }
}
