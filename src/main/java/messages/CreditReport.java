package messages;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code credit_reports_generated} message: the submission's amounts plus its simulated CIBIL
 * score. No PAN: decision-service has no use for it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreditReport(
    UUID applicationId,
    int cibilScore,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal monthlyIncomeInr,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal loanAmountInr,
    LoanType loanType,
    Instant timestamp,
    String correlationId) {

  /** A report that breaks these rules can never be decided: it is refused when read. */
  public CreditReport {
    MessageRules.requireApplication(
        applicationId, monthlyIncomeInr, loanAmountInr, loanType, correlationId);
    MessageRules.requireCibilScore(cibilScore, "cibil_score");
  }

  public static CreditReport of(ApplicationSubmitted submitted, int cibilScore, Instant timestamp) {
    return new CreditReport(
        submitted.applicationId(),
        cibilScore,
        submitted.monthlyIncomeInr(),
        submitted.loanAmountInr(),
        submitted.loanType(),
        timestamp,
        submitted.correlationId());
  }

  @Override
  public String toString() {
    return "CreditReport[applicationId=%s, cibilScore=%d, correlationId=%s]"
        .formatted(applicationId, cibilScore, correlationId);
  }
}
