package web;

import application.ApplicationStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import decision.Reason;
import decision.ReasonCode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import messages.LoanType;
import store.StaffApplicationRow;

/**
 * What a reviewer sees of an application ({@code GET /applications/{id}}): the amounts as stored,
 * the score, the decision with every reason in full, who made it under which policy, and the PAN
 * only masked ({@code ABCDE***4F}), null once erased, and the review task as {@code /reviews} shows
 * it. Never the applicant's name. Every field is present, null where there is nothing yet, so a
 * reviewer's screen has one shape to read; only {@code review} is left out when the policy decided
 * alone, as the contract cannot make its {@code $ref} nullable (OpenAPI 3.0).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StaffApplicationView(
    UUID applicationId,
    String panNumberMasked,
    BigDecimal monthlyIncomeInr,
    BigDecimal loanAmountInr,
    LoanType loanType,
    Integer cibilScore,
    ApplicationStatus status,
    List<StaffReason> reasons,
    String policyVersion,
    OffsetDateTime decidedAt,
    String decidedBy,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime personalDataErasedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) ReviewTaskView review) {

  /** One reason in full: what was measured, against which threshold, and the applicant's words. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record StaffReason(
      ReasonCode code,
      String factor,
      BigDecimal observed,
      BigDecimal threshold,
      String message,
      String messageHindi) {

    static StaffReason of(Reason reason) {
      return new StaffReason(
          reason.code(),
          reason.factor(),
          reason.observed(),
          reason.threshold(),
          reason.message(),
          reason.messageHindi());
    }
  }

  /** The view of {@code row}, whose sealed PAN the caller has opened and masked (or null). */
  public static StaffApplicationView of(StaffApplicationRow row, String panNumberMasked) {
    var review = row.review();
    return new StaffApplicationView(
        row.applicationId(),
        panNumberMasked,
        row.monthlyIncomeInr(),
        row.loanAmountInr(),
        row.loanType(),
        row.cibilScore(),
        row.status(),
        row.reasons().stream().map(StaffReason::of).toList(),
        row.policyVersion(),
        row.decidedAt(),
        row.decidedBy(),
        row.createdAt(),
        row.updatedAt(),
        row.personalDataErasedAt(),
        review == null ? null : ReviewTaskView.of(review));
  }
}
