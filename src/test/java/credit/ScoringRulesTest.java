package credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import messages.LoanType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringRulesTest {

  private static final Map<LoanType, Integer> ALL_TYPES =
      Map.of(LoanType.PERSONAL, -10, LoanType.HOME, 10, LoanType.AUTO, 0);

  @ParameterizedTest(name = "base {0}, high above {1}, low below {2}, variation {3}: {4}")
  @CsvSource({
    "299, 75000, 30000,  5, base-score must be within 300..900",
    "901, 75000, 30000,  5, base-score must be within 300..900",
    "650,     0, 30000,  5, high-income-above-inr must be positive",
    "650, 75000,     0,  5, low-income-below-inr must be positive",
    "650, 30000, 75000,  5, low-income-below-inr must not exceed high-income-above-inr",
    "650, 75000, 30000, -1, max-variation must be within 0..50",
    "650, 75000, 30000, 51, max-variation must be within 0..50",
  })
  void refusesOutOfBounds(
      int base, BigDecimal highAbove, BigDecimal lowBelow, int variation, String message) {
    assertThatThrownBy(
            () -> new ScoringRules(base, highAbove, 40, lowBelow, -20, ALL_TYPES, variation, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credit-simulation." + message);
  }

  @ParameterizedTest(name = "base {0}, high above {1}, low below {2}, variation {3} is accepted")
  @CsvSource({
    "300, 75000, 30000,  0",
    "900, 75000, 30000, 50",
    "650, 30000, 30000,  5",
  })
  void acceptsTheBounds(int base, BigDecimal highAbove, BigDecimal lowBelow, int variation) {
    var rules = new ScoringRules(base, highAbove, 40, lowBelow, -20, ALL_TYPES, variation, null);

    assertThat(rules.demonstrationScores()).isEmpty();
  }

  @Test
  void everyLoanTypeNeedsAnAdjustment() {
    assertThatThrownBy(() -> standardWith(Map.of(LoanType.HOME, 10), null))
        .hasMessageStartingWith("credit-simulation.loan-type-adjustments must give every loan");
  }

  @ParameterizedTest(name = "demonstration score {0} = {1} is refused: {2}")
  @CsvSource({
    "abcde1234f, 790, abcde1234f is not a PAN",
    "ABCDE1234F, 299, ABCDE1234F must score within 300..900",
    "ABCDE1234F, 901, ABCDE1234F must score within 300..900",
  })
  void refusesBadDemonstrationScores(String pan, int score, String message) {
    assertThatThrownBy(() -> standardWith(ALL_TYPES, Map.of(pan, score)))
        .hasMessage("credit-simulation.demonstration-scores: " + message);
  }

  @Test
  void scoresByTheGivenRules() {
    var rules =
        new ScoringRules(
            700,
            new BigDecimal("100000"),
            25,
            new BigDecimal("20000"),
            -35,
            Map.of(LoanType.PERSONAL, -30, LoanType.HOME, 5, LoanType.AUTO, 15),
            0,
            Map.of("ZZZZZ9999Z", 333));
    var scoring = new CreditScoring(rules, Clock.systemUTC());
    var id = UUID.randomUUID();

    assertThat(scoring.score(id, "KLMNO1234P", new BigDecimal("100000.01"), LoanType.AUTO))
        .isEqualTo(740);
    assertThat(scoring.score(id, "KLMNO1234P", new BigDecimal("100000.00"), LoanType.HOME))
        .isEqualTo(705);
    assertThat(scoring.score(id, "KLMNO1234P", new BigDecimal("19999.99"), LoanType.PERSONAL))
        .isEqualTo(635);
    assertThat(scoring.score(id, "ZZZZZ9999Z", new BigDecimal("19999.99"), LoanType.PERSONAL))
        .isEqualTo(333);
    assertThat(scoring.score(id, "ABCDE1234F", new BigDecimal("50000"), LoanType.AUTO))
        .isEqualTo(715);
  }

  /** The shipped rules' numbers, with the given loan-type adjustments and demonstration scores. */
  private static ScoringRules standardWith(
      Map<LoanType, Integer> loanTypes, Map<String, Integer> demonstrationScores) {
    return new ScoringRules(
        650,
        new BigDecimal("75000"),
        40,
        new BigDecimal("30000"),
        -20,
        loanTypes,
        5,
        demonstrationScores);
  }
}
