package decision;

import messages.CibilScore;

/**
 * The thresholds of the decision: the lowest CIBIL score that can be pre-approved, and the number
 * of months a loan is spread over to estimate its monthly instalment.
 */
public record DecisionRules(int minimumCibilScore, int instalmentProxyMonths) {

  public DecisionRules {
    if (!CibilScore.isInRange(minimumCibilScore)) {
      throw new IllegalArgumentException(
          "decision.minimum-cibil-score must be within "
              + CibilScore.MIN
              + ".."
              + CibilScore.MAX
              + ", was "
              + minimumCibilScore);
    }
    if (instalmentProxyMonths < 1 || instalmentProxyMonths > 600) {
      throw new IllegalArgumentException(
          "decision.instalment-proxy-months must be within 1..600, was " + instalmentProxyMonths);
    }
  }
}
