package messages;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code loan_applications_submitted} message. Amounts travel as strings so no consumer can
 * lose a paisa to floating point. The PAN travels sealed, as the application row stores it: only
 * credit-service, the bureau's client, opens it. The applicant's name does not travel at all.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApplicationSubmitted(
    UUID applicationId,
    String panNumberSealed,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal monthlyIncomeInr,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal loanAmountInr,
    LoanType loanType,
    Instant timestamp,
    String correlationId) {

  /** A message that breaks these rules can never be scored: it is refused when read. */
  public ApplicationSubmitted {
    MessageRules.requireApplication(
        applicationId, monthlyIncomeInr, loanAmountInr, loanType, correlationId);
    MessageRules.requireSealed(panNumberSealed, "pan_number_sealed");
  }

  @Override
  public String toString() {
    return "ApplicationSubmitted[applicationId=%s, loanType=%s, correlationId=%s]"
        .formatted(applicationId, loanType, correlationId);
  }
}
