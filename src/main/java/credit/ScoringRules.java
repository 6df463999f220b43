package credit;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import messages.CibilScore;
import messages.LoanType;
import messages.PanNumber;

/**
 * The adjustments of the CIBIL simulation: a base score, one adjustment above a high-income line
 * and one below a low-income line, one per loan type, the largest variation either way, and the
 * fixed scores of the demonstration PANs.
 */
public record ScoringRules(
    int baseScore,
    BigDecimal highIncomeAboveInr,
    int highIncomeAdjustment,
    BigDecimal lowIncomeBelowInr,
    int lowIncomeAdjustment,
    Map<LoanType, Integer> loanTypeAdjustments,
    int maxVariation,
    Map<String, Integer> demonstrationScores) {

  private static final String PREFIX = "credit-simulation.";

  public ScoringRules {
    require(CibilScore.isInRange(baseScore), "base-score must be within 300..900");
    require(
        highIncomeAboveInr != null && highIncomeAboveInr.signum() > 0,
        "high-income-above-inr must be positive");
    require(
        lowIncomeBelowInr != null && lowIncomeBelowInr.signum() > 0,
        "low-income-below-inr must be positive");
    require(
        lowIncomeBelowInr.compareTo(highIncomeAboveInr) <= 0,
        "low-income-below-inr must not exceed high-income-above-inr");
    require(
        loanTypeAdjustments != null
            && loanTypeAdjustments.keySet().containsAll(EnumSet.allOf(LoanType.class)),
        "loan-type-adjustments must give every loan type " + EnumSet.allOf(LoanType.class));
    require(maxVariation >= 0 && maxVariation <= 50, "max-variation must be within 0..50");
    demonstrationScores = demonstrationScores == null ? Map.of() : Map.copyOf(demonstrationScores);
    demonstrationScores.forEach(
        (pan, score) -> {
          require(PanNumber.isValid(pan), "demonstration-scores: " + pan + " is not a PAN");
          require(
              CibilScore.isInRange(score),
              "demonstration-scores: " + pan + " must score within 300..900");
        });
    loanTypeAdjustments = new EnumMap<>(loanTypeAdjustments);
  }

  private static void require(boolean holds, String message) {
    if (!holds) {
      throw new IllegalArgumentException(PREFIX + message);
    }
  }
}
