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
 * decision_reasons} JSON), who made it and under which policy. Never the name.
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
    OffsetDateTime personalDataErasedAt) {

  public List<Reason> reasons() {
    return DecisionReasons.fromJson(decisionReasons);
  }
}
