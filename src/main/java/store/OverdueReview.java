package store;

import decision.Reason;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code select-overdue-reviews.sql}: a task past its due time, not decided and not yet
 * escalated, with the referral its escalation event repeats.
 */
public record OverdueReview(
    UUID reviewId,
    UUID applicationId,
    OffsetDateTime dueAt,
    String decisionReasons,
    String policyVersion,
    String decidedBy,
    OffsetDateTime decidedAt) {

  public List<Reason> reasons() {
    return DecisionReasons.fromJson(decisionReasons);
  }
}
