package application;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code loan_applications_submitted} message. Amounts travel as strings so no consumer can
 * lose a paisa to floating point.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApplicationSubmitted(
    UUID applicationId,
    String panNumber,
    String applicantName,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal monthlyIncomeInr,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal loanAmountInr,
    LoanType loanType,
    Instant timestamp,
    String correlationId) {

  /** A message that breaks these rules can never be scored: it is refused when read. */
  public ApplicationSubmitted {
    MessageRules.requirePresent(applicationId, "application_id");
    if (!PanNumber.isValid(panNumber)) {
      throw new InvalidMessageException("pan_number is not a valid PAN");
    }
    MessageRules.requirePositive(monthlyIncomeInr, "monthly_income_inr");
    MessageRules.requirePositive(loanAmountInr, "loan_amount_inr");
    MessageRules.requirePresent(loanType, "loan_type");
  }

  public static ApplicationSubmitted of(
      UUID applicationId, ApplicationForm form, Instant timestamp, String correlationId) {
    return new ApplicationSubmitted(
        applicationId,
        form.panNumber().value(),
        form.applicantName(),
        form.monthlyIncomeInr(),
        form.loanAmountInr(),
        form.loanType(),
        timestamp,
        correlationId);
  }

  @Override
  public String toString() {
    return "ApplicationSubmitted[applicationId=%s, panNumber=%s, loanType=%s, correlationId=%s]"
        .formatted(applicationId, PanMask.mask(panNumber), loanType, correlationId);
  }
}
