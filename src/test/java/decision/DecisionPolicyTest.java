package decision;

import static org.assertj.core.api.Assertions.assertThat;

import application.ApplicationStatus;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionPolicyTest {

  private final DecisionPolicy policy = new DecisionPolicy();

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
    assertThat(policy.decide(score, income, loan)).isEqualTo(expected);
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
    assertThat(policy.decide(score, income, loan)).isEqualTo(expected);
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
    assertThat(policy.decide(700, income, loan)).isEqualTo(expected);
  }
}
