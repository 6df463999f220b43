package credit;

import application.ApplicationSubmitted;
import application.InvalidMessageException;
import application.LoanType;
import application.MessageRules;
import application.PanMask;
import application.PanNumber;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The {@code credit_reports_generated} message: the submission plus its simulated CIBIL score. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreditReport(
    UUID applicationId,
    String panNumber,
    int cibilScore,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal monthlyIncomeInr,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal loanAmountInr,
    LoanType loanType,
    Instant timestamp,
    String correlationId) {

  /** A report that breaks these rules can never be decided: it is refused when read. */
  public CreditReport {
    MessageRules.requirePresent(applicationId, "application_id");
    if (!PanNumber.isValid(panNumber)) {
      throw new InvalidMessageException("pan_number is not a valid PAN");
    }
    MessageRules.requirePresent(loanType, "loan_type");
    if (cibilScore < CreditScoring.MIN_SCORE || cibilScore > CreditScoring.MAX_SCORE) {
      throw new InvalidMessageException(
          "cibil_score "
              + cibilScore
              + " is outside "
              + CreditScoring.MIN_SCORE
              + "-"
              + CreditScoring.MAX_SCORE);
    }
    MessageRules.requirePositive(monthlyIncomeInr, "monthly_income_inr");
    MessageRules.requirePositive(loanAmountInr, "loan_amount_inr");
  }

  public static CreditReport of(ApplicationSubmitted submitted, int cibilScore, Instant timestamp) {
    return new CreditReport(
        submitted.applicationId(),
        submitted.panNumber(),
        cibilScore,
        submitted.monthlyIncomeInr(),
        submitted.loanAmountInr(),
        submitted.loanType(),
        timestamp,
        submitted.correlationId());
  }

  @Override
  public String toString() {
    return "CreditReport[applicationId=%s, panNumber=%s, cibilScore=%d, correlationId=%s]"
        .formatted(applicationId, PanMask.mask(panNumber), cibilScore, correlationId);
  }
}
