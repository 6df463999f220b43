package messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplicationSubmittedTest {

  private static final UUID ID = UUID.fromString("6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b");
  private static final BigDecimal INCOME = new BigDecimal("82000.00");
  private static final BigDecimal LOAN = new BigDecimal("480000.00");
  private static final Instant AT = Instant.parse("2025-01-15T10:30:00Z");

  /** What a sealed PAN looks like; whether it opens is for the reader's keys to say. */
  private static final String SEALED = "k1:bm9uY2UgY2lwaGVydGV4dCB0YWc=";

  private static ApplicationSubmitted submitted(
      UUID id, String pan, BigDecimal income, BigDecimal loan, LoanType type) {
    return new ApplicationSubmitted(id, pan, income, loan, type, AT, "corr-1");
  }

  @Test
  void keepsAValidSubmission() {
    var message = submitted(ID, SEALED, INCOME, LOAN, LoanType.HOME);

    assertThat(message.applicationId()).isEqualTo(ID);
    assertThat(message.panNumberSealed()).isEqualTo(SEALED);
    assertThat(message.monthlyIncomeInr()).isEqualTo(INCOME);
    assertThat(message.loanAmountInr()).isEqualTo(LOAN);
    assertThat(message.loanType()).isEqualTo(LoanType.HOME);
  }

  @Test
  void refusesAMissingApplicationId() {
    assertThatThrownBy(() -> submitted(null, SEALED, INCOME, LOAN, LoanType.HOME))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("application_id is required");
  }

  @ParameterizedTest(name = "pan_number_sealed ''{0}'' is refused")
  @CsvSource({
    "ABCDE1234F",
    "k1:",
    ":c2VhbGVk",
    "k1:not base64!",
    "k:1:c2VhbGVk",
    "' k1:c2VhbGVk'",
    "''",
    ","
  })
  void refusesWhatIsNotASealedPan(String sealed) {
    assertThatThrownBy(() -> submitted(ID, sealed, INCOME, LOAN, LoanType.HOME))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("pan_number_sealed is not a sealed value");
  }

  @Test
  void refusesASealedPanLongerThanAnySealing() {
    var longest = "k1:" + "A".repeat(4093);

    assertThat(submitted(ID, longest, INCOME, LOAN, LoanType.HOME).panNumberSealed())
        .isEqualTo(longest);
    assertThatThrownBy(() -> submitted(ID, longest + "A", INCOME, LOAN, LoanType.HOME))
        .isInstanceOf(InvalidMessageException.class);
  }

  @ParameterizedTest(name = "monthly income {0} is refused")
  @CsvSource({"0", "0.00", "-0.01", "-82000.00", "''"})
  void refusesNonPositiveIncome(String income) {
    assertThatThrownBy(
            () -> submitted(ID, "ABCDE1234F", decimalOrNull(income), LOAN, LoanType.HOME))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("monthly_income_inr must be greater than 0");
  }

  @ParameterizedTest(name = "loan amount {0} is refused")
  @CsvSource({"0", "0.00", "-0.01", "-480000.00", "''"})
  void refusesNonPositiveLoanAmount(String loan) {
    assertThatThrownBy(() -> submitted(ID, SEALED, INCOME, decimalOrNull(loan), LoanType.HOME))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("loan_amount_inr must be greater than 0");
  }

  @Test
  void refusesAMissingLoanType() {
    assertThatThrownBy(() -> submitted(ID, SEALED, INCOME, LOAN, null))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("loan_type is required");
  }

  @Test
  void refusesACorrelationIdTheAuditTrailCannotHold() {
    assertThatThrownBy(
            () ->
                new ApplicationSubmitted(
                    ID, SEALED, INCOME, LOAN, LoanType.HOME, AT, "x".repeat(65)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("correlation_id must be 1 to 64 letters, digits or ._:- characters");
  }

  @Test
  void toStringLeavesOutThePan() {
    assertThat(submitted(ID, SEALED, INCOME, LOAN, LoanType.PERSONAL).toString())
        .isEqualTo(
            "ApplicationSubmitted[applicationId=6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b,"
                + " loanType=PERSONAL, correlationId=corr-1]");
  }

  private static BigDecimal decimalOrNull(String text) {
    return text.isEmpty() ? null : new BigDecimal(text);
  }
}
