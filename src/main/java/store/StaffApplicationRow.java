package store;

import application.ApplicationStatus;
import decision.Reason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import messages.LoanType;

/**
 * The row of {@code select-application-for-staff.sql}: the application as stored, its PAN sealed
 * (null once erased, with {@code personalDataErasedAt}), its decision with the reasons (the {@code
 * decision_reasons} JSON), who made it and under which policy, and the {@code review_*} columns of
 * its review task, all null when it has none. Never the name.
 */
public record StaffApplicationRow(
    UUID applicationId,
    String panNumberSealed,
    BigDecimal monthlyIncomeInr,
    BigDecimal loanAmountInr,
    LoanType loanType,
    Integer cibilScore,
    ApplicationStatus status,
    String decisionReasons,
    String policyVersion,
    OffsetDateTime decidedAt,
    String decidedBy,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime personalDataErasedAt,
    UUID reviewId,
    OffsetDateTime reviewDueAt,
    Boolean reviewOverdue,
    String reviewClaimedBy,
    OffsetDateTime reviewClaimedUntil,
    String reviewState,
    String reviewProposedOutcome,
    String reviewProposedBy) {

  public List<Reason> reasons() {
    return DecisionReasons.fromJson(decisionReasons);
  }

  /**
   * The review task as the queue reads it (without the proposal's reasons and note), or null when
   * the application has none.
   */
  public ReviewTaskRow review() {
    if (reviewId == null) {
      return null;
    }
    return new ReviewTaskRow(
        reviewId,
        applicationId,
        loanType.name(),
        loanAmountInr,
        reviewDueAt,
        reviewOverdue,
        reviewClaimedBy,
        reviewClaimedUntil,
        reviewState,
        reviewProposedOutcome,
        reviewProposedBy,
        null,
        null);
  }
}
