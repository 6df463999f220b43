package messages;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks shared by the messages the roles exchange. */
final class MessageRules {

  private static final Pattern SEALED = Pattern.compile("[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]+=*");
  private static final int MAX_SEALED_CHARACTERS = 4096;

  private MessageRules() {}

  /** What every message about an application must carry, whatever else it says. */
  static void requireApplication(
      UUID applicationId,
      BigDecimal monthlyIncomeInr,
      BigDecimal loanAmountInr,
      LoanType loanType,
      String correlationId) {
    requirePresent(applicationId, "application_id");
    requirePositive(monthlyIncomeInr, "monthly_income_inr");
    requirePositive(loanAmountInr, "loan_amount_inr");
    requirePresent(loanType, "loan_type");
    requireCorrelationId(correlationId, "correlation_id");
  }

  private static void requirePresent(Object value, String field) {
    if (value == null) {
      throw new InvalidMessageException(field + " is required");
    }
  }

  private static void requirePositive(BigDecimal amount, String field) {
    if (amount == null || amount.signum() <= 0) {
      throw new InvalidMessageException(field + " must be greater than 0");
    }
  }

  /**
   * A sealed value is {@code keyId:base64}; whether it opens is the reader's to find out, with its
   * keys. A plain PAN has no colon, so one sent in place of a sealed PAN is refused here.
   */
  static void requireSealed(String sealed, String field) {
    if (sealed == null
        || sealed.length() > MAX_SEALED_CHARACTERS
        || !SEALED.matcher(sealed).matches()) {
      throw new InvalidMessageException(field + " is not a sealed value");
    }
  }

  /**
   * A message may come without a correlation id, but one it carries is written to the audit trail:
   * a value that column would refuse is refused here, before any statement runs.
   */
  private static void requireCorrelationId(String correlationId, String field) {
    if (correlationId != null && PanNumber.appearsIn(correlationId)) {
      throw new InvalidMessageException(field + " must not hold a PAN");
    }
    if (correlationId != null && !CorrelationId.isValid(correlationId)) {
      throw new InvalidMessageException(
          field
              + " must be 1 to "
              + CorrelationId.MAX_LENGTH
              + " letters, digits or ._:- characters");
    }
  }

  static void requireCibilScore(int score, String field) {
    if (!CibilScore.isInRange(score)) {
      throw new InvalidMessageException(
          field + " " + score + " is outside " + CibilScore.MIN + "-" + CibilScore.MAX);
    }
  }
}
