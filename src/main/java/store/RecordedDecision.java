package store;

import application.ApplicationStatus;
import decision.Decision;
import java.time.Instant;
import java.util.UUID;

/**
 * The decision of application {@code id}, with its reasons and policy version, as {@link
 * RecordedDecisions} records it with its audit event, its {@code loan_decisions} event in the
 * outbox and, for MANUAL_REVIEW, its review task. The outcome was decided from the {@link
 * StoredApplication} and the score of its credit report.
 */
public record RecordedDecision(
    UUID id,
    Decision decision,
    int cibilScore,
    String correlationId,
    Instant decidedAt,
    ReviewReferral referral,
    DecisionEventRow event) {

  /** Who decides when no reviewer does: {@code decided_by} and the audit event's actor. */
  public static final String AUTOMATED = "system";

  /** The review task a MANUAL_REVIEW decision creates; null for any other outcome. */
  public record ReviewReferral(UUID reviewId, Instant dueAt) {}

  public ApplicationStatus status() {
    return decision.outcome();
  }
}
