package store;

import decision.Reason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import review.ReviewState;

/**
 * A review task as {@code select-review-queue.sql} and {@code select-review-task.sql} read it, with
 * the application's loan: a lapsed claim reads as an open task held by no one. The proposal columns
 * are set while a four-eyes approval awaits its confirmation (the queue leaves out its reasons and
 * note).
 */
public record ReviewTaskRow(
    UUID reviewId,
    UUID applicationId,
    String loanType,
    BigDecimal loanAmountInr,
    OffsetDateTime dueAt,
    boolean overdue,
    String claimedBy,
    OffsetDateTime claimedUntil,
    String state,
    String proposedOutcome,
    String proposedBy,
    String proposedReasons,
    String proposedNote) {

  public ReviewState reviewState() {
    return ReviewState.parse(state);
  }

  public List<Reason> proposedReasonList() {
    return DecisionReasons.fromJson(proposedReasons);
  }
}
