package decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import application.ApplicationStatus;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DecisionPolicyTest {

  private final DecisionPolicy policy = new DecisionPolicy(new DecisionRules(650, 48), "test@0");

  @ParameterizedTest(name = "score {0} with income {1} for a loan of {2} is {3}")
  @CsvSource({
    "300, 1000000.00, 480000.00, REJECTED",
    "610, 1000000.00, 480000.00, REJECTED",
    "649, 1000000.00, 480000.00, REJECTED",
    "649,   10000.00, 480000.00, REJECTED",
    "650, 1000000.00, 480000.00, PRE_APPROVED",
    "900, 1000000.00, 480000.00, PRE_APPROVED",
  })
  void rejectsScoresBelow650(
      int score, BigDecimal income, BigDecimal loan, ApplicationStatus expected) {
    assertThat(policy.decide(score, income, loan).outcome()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "score {0} with income {1} for a loan of {2} (loan/48 = {3}) is {4}")
  @CsvSource({
    "650,  9999.99,  480000.00, 10000.00, MANUAL_REVIEW",
    "650, 10000.00,  480000.00, 10000.00, MANUAL_REVIEW",
    "650, 10000,     480000.00, 10000.00, MANUAL_REVIEW",
    "650, 10000.000, 480000,    10000.00, MANUAL_REVIEW",
    "650, 10000.01,  480000.00, 10000.00, PRE_APPROVED",
    "790, 10000.00,  480000.00, 10000.00, MANUAL_REVIEW",
    "790, 10000.01,  480000.00, 10000.00, PRE_APPROVED",
    "900, 10000.00,  480000.00, 10000.00, MANUAL_REVIEW",
  })
  void preApprovesOnlyWhenIncomeStrictlyExceedsTheInstalment(
      int score,
      BigDecimal income,
      BigDecimal loan,
      String instalment,
      ApplicationStatus expected) {
    assertThat(policy.decide(score, income, loan).outcome()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "income {0} for a loan of {1} (loan/48 = {2}) is {3}")
  @CsvSource({
    "      2083.33,     100000.00,     2083.3333…, MANUAL_REVIEW",
    "      2083.34,     100000.00,     2083.3333…, PRE_APPROVED",
    "         0.02,          1.00,        0.0208…, MANUAL_REVIEW",
    "         0.03,          1.00,        0.0208…, PRE_APPROVED",
    "   1041666.66,   50000000.00,   1041666.6666…, MANUAL_REVIEW",
    "   1041666.67,   50000000.00,   1041666.6666…, PRE_APPROVED",
    "208333333.33, 9999999999.99, 208333333.3331…, MANUAL_REVIEW",
    "208333333.34, 9999999999.99, 208333333.3331…, PRE_APPROVED",
  })
  void comparesExactlyWhenTheInstalmentDoesNotTerminate(
      BigDecimal income, BigDecimal loan, String instalment, ApplicationStatus expected) {
    assertThat(policy.decide(700, income, loan).outcome()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "score {0}, income {1}, loan {2}: {3} for {4} ({5} against {6})")
  @CsvSource({
    "649, 1000000.00, 480000.00, REJECTED,      CIBIL_SCORE_BELOW_MINIMUM,         649,      650",
    "300,   10000.00, 480000.00, REJECTED,      CIBIL_SCORE_BELOW_MINIMUM,         300,      650",
    "650,   10000.00, 480000.00, MANUAL_REVIEW, INCOME_NOT_ABOVE_INSTALMENT_PROXY, 10000.00, 10000.00",
    "700,    2083.33, 100000.00, MANUAL_REVIEW, INCOME_NOT_ABOVE_INSTALMENT_PROXY, 2083.33,  2083.33",
    "700,       0.02,      1.00, MANUAL_REVIEW, INCOME_NOT_ABOVE_INSTALMENT_PROXY, 0.02,     0.02",
    "650,   10000.01, 480000.00, PRE_APPROVED,  ALL_CRITERIA_MET,                  ,",
    "900, 1000000.00, 480000.00, PRE_APPROVED,  ALL_CRITERIA_MET,                  ,",
  })
  void givesTheOneReasonItDecidedByWithTheObservedValueAndThreshold(
      int score,
      BigDecimal income,
      BigDecimal loan,
      ApplicationStatus outcome,
      ReasonCode code,
      BigDecimal observed,
      BigDecimal threshold) {
    var decision = policy.decide(score, income, loan);

    assertThat(decision.outcome()).isEqualTo(outcome);
    assertThat(decision.policyVersion()).isEqualTo("test@0");
    assertThat(decision.reasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.code()).isEqualTo(code);
              assertThat(reason.factor()).isEqualTo(code.factor());
              assertThat(reason.observed()).isEqualTo(observed);
              assertThat(reason.threshold()).isEqualTo(threshold);
              assertThat(reason.message()).isEqualTo(code.message(observed, threshold));
              assertThat(reason.messageHindi()).isEqualTo(code.messageHindi(observed, threshold));
            });
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "649 | 1000000.00 | 480000.00 | The CIBIL score 649 is below the minimum of 650 that the"
            + " lending policy requires.",
        "650 | 10000.00 | 480000.00 | The monthly income of INR 10000.00 does not exceed INR"
            + " 10000.00, the loan amount spread over the policy's instalment term; a reviewer"
            + " will look at the application.",
        "650 | 10000.01 | 480000.00 | The CIBIL score and the monthly income meet the lending"
            + " policy.",
      })
  void tellsTheApplicantInPlainLanguage(
      int score, BigDecimal income, BigDecimal loan, String message) {
    assertThat(policy.decide(score, income, loan).reasons())
        .singleElement()
        .extracting(Reason::message)
        .isEqualTo(message);
  }

  @ParameterizedTest(name = "minimum {0} over {1} months: score {2}, income {3}, loan {4} is {5}")
  @CsvSource({
    "700, 48, 699, 1000000.00, 480000.00, REJECTED",
    "700, 48, 700,   10000.01, 480000.00, PRE_APPROVED",
    "650, 60, 650,    8000.00, 480000.00, MANUAL_REVIEW",
    "650, 60, 650,    8000.01, 480000.00, PRE_APPROVED",
    "650,  1, 650,  480000.01, 480000.00, PRE_APPROVED",
  })
  void takesItsThresholdsFromTheRules(
      int minimum,
      int months,
      int score,
      BigDecimal income,
      BigDecimal loan,
      ApplicationStatus expected) {
    var decision =
        new DecisionPolicy(new DecisionRules(minimum, months), "v").decide(score, income, loan);

    assertThat(decision.outcome()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "minimum {0} over {1} months is refused")
  @CsvSource({"299, 48", "901, 48", "650, 0", "650, 601"})
  void refusesRulesOutOfBounds(int minimum, int months) {
    assertThatThrownBy(() -> new DecisionRules(minimum, months))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("decision.");
  }

  @ParameterizedTest(name = "minimum {0} over {1} months is accepted")
  @CsvSource({"300, 48", "900, 48", "650, 1", "650, 600"})
  void acceptsRulesAtTheirBounds(int minimum, int months) {
    assertThat(new DecisionRules(minimum, months).minimumCibilScore()).isEqualTo(minimum);
  }

  @ParameterizedTest(name = "{0} (from the {1}) has a factor and a message")
  @EnumSource(ReasonCode.class)
  void everyCatalogueCodeHasItsSentences(ReasonCode code) {
    assertThat(code.message(BigDecimal.ONE, BigDecimal.TEN)).isNotBlank().doesNotContain("%");
    assertThat(code.messageHindi(BigDecimal.ONE, BigDecimal.TEN)).isNotBlank().doesNotContain("%");
    if (code.source() == ReasonCode.Source.REVIEWER) {
      assertThat(code.factor()).isNotBlank();
    }
  }
}
