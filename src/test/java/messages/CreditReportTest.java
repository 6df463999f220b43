package messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditReportTest {

  private static final UUID ID = UUID.fromString("6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b");
  private static final BigDecimal INCOME = new BigDecimal("82000.00");
  private static final BigDecimal LOAN = new BigDecimal("480000.00");
  private static final Instant AT = Instant.parse("2025-01-15T10:30:00Z");

  private static CreditReport report(UUID id, int score, BigDecimal income, BigDecimal loan) {
    return new CreditReport(id, score, income, loan, LoanType.HOME, AT, "corr-1");
  }

  @ParameterizedTest(name = "a CIBIL score of {0} is accepted")
  @CsvSource({"300", "301", "650", "899", "900"})
  void acceptsScoresInsideTheCibilRange(int score) {
    assertThat(report(ID, score, INCOME, LOAN).cibilScore()).isEqualTo(score);
  }

  @ParameterizedTest(name = "a CIBIL score of {0} is refused")
  @CsvSource({"-1", "0", "299", "901", "1000"})
  void refusesScoresOutsideTheCibilRange(int score) {
    assertThatThrownBy(() -> report(ID, score, INCOME, LOAN))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("cibil_score " + score + " is outside 300-900");
  }

  @Test
  void refusesAMissingApplicationId() {
    assertThatThrownBy(() -> report(null, 700, INCOME, LOAN))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("application_id is required");
  }

  @ParameterizedTest(name = "monthly income {0} is refused")
  @CsvSource({"0", "0.00", "-0.01", "-82000.00", "''"})
  void refusesNonPositiveIncome(String income) {
    assertThatThrownBy(() -> report(ID, 700, decimalOrNull(income), LOAN))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("monthly_income_inr must be greater than 0");
  }

  @ParameterizedTest(name = "loan amount {0} is refused")
  @CsvSource({"0", "0.00", "-0.01", "-480000.00", "''"})
  void refusesNonPositiveLoanAmount(String loan) {
    assertThatThrownBy(() -> report(ID, 700, INCOME, decimalOrNull(loan)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("loan_amount_inr must be greater than 0");
  }

  @ParameterizedTest(name = "correlation id ''{0}'' is accepted")
  @CsvSource({
    "a",
    "req-42",
    "trace.id_v2:span-7",
    "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._",
  })
  void acceptsACorrelationIdTheAuditTrailCanHold(String correlationId) {
    assertThat(withCorrelationId(correlationId).correlationId()).isEqualTo(correlationId);
  }

  @Test
  void acceptsAReportWithoutACorrelationId() {
    assertThat(withCorrelationId(null).correlationId()).isNull();
  }

  /** The audit trail's correlation_id is VARCHAR(64): a longer one would be refused there. */
  @ParameterizedTest(name = "a correlation id of {0} characters is {1}")
  @CsvSource({"63, accepted", "64, accepted", "65, refused", "200, refused"})
  void acceptsACorrelationIdOfAtMost64Characters(int length, String outcome) {
    var correlationId = "x".repeat(length);

    if (outcome.equals("accepted")) {
      assertThat(withCorrelationId(correlationId).correlationId()).isEqualTo(correlationId);
    } else {
      assertThatThrownBy(() -> withCorrelationId(correlationId))
          .isInstanceOf(InvalidMessageException.class)
          .hasMessage("correlation_id must be 1 to 64 letters, digits or ._:- characters");
    }
  }

  /** Jazzer found a submitted message that carried a PAN in its correlation id into the report. */
  @ParameterizedTest(name = "correlation id ''{0}'' holds a PAN and is refused")
  @CsvSource({"KLMNO9012P", "cKLMNO9012Porr-1", "req-ABCDE1234F"})
  void refusesACorrelationIdHoldingAPan(String correlationId) {
    assertThatThrownBy(() -> withCorrelationId(correlationId))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("correlation_id must not hold a PAN");
  }

  @ParameterizedTest(name = "correlation id ''{0}'' is refused")
  @CsvSource({"''", "'req 42'", "req/42", "ré-42"})
  void refusesACorrelationIdWithOtherCharacters(String correlationId) {
    assertThatThrownBy(() -> withCorrelationId(correlationId))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("correlation_id must be 1 to 64 letters, digits or ._:- characters");
  }

  /** PostgreSQL refuses a NUL in any text column (SQLState 22021). */
  @Test
  void refusesACorrelationIdWithANulCharacter() {
    assertThatThrownBy(() -> withCorrelationId("req" + '\0' + "42"))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("correlation_id must be 1 to 64 letters, digits or ._:- characters");
  }

  @Test
  void ofCarriesTheSubmissionAndTheScore() {
    var submitted =
        new ApplicationSubmitted(
            ID, "k1:c2VhbGVk", INCOME, LOAN, LoanType.AUTO, AT.minusSeconds(5), "corr-7");

    var report = CreditReport.of(submitted, 712, AT);

    assertThat(report)
        .isEqualTo(new CreditReport(ID, 712, INCOME, LOAN, LoanType.AUTO, AT, "corr-7"));
  }

  @Test
  void toStringNamesTheApplicationAndTheScore() {
    assertThat(report(ID, 790, INCOME, LOAN).toString())
        .isEqualTo(
            "CreditReport[applicationId=6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b,"
                + " cibilScore=790, correlationId=corr-1]");
  }

  @Test
  void carriesNoPan() {
    assertThat(CreditReport.class.getRecordComponents())
        .extracting(component -> component.getName().toLowerCase(java.util.Locale.ROOT))
        .noneMatch(name -> name.contains("pan"));
  }

  private static CreditReport withCorrelationId(String correlationId) {
    return new CreditReport(ID, 700, INCOME, LOAN, LoanType.HOME, AT, correlationId);
  }

  private static BigDecimal decimalOrNull(String text) {
    return text.isEmpty() ? null : new BigDecimal(text);
  }

  @Test
  void refusesAMissingLoanType() {
    assertThatThrownBy(() -> new CreditReport(ID, 700, INCOME, LOAN, null, AT, "corr-1"))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("loan_type is required");
  }
}
