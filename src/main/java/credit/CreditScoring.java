package credit;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;
import messages.ApplicationSubmitted;
import messages.CibilScore;
import messages.CreditReport;
import messages.LoanType;

/**
 * Simulates a CIBIL score (300–900) from what the applicant declared, by the lending policy's
 * {@link ScoringRules}: the demonstration PANs have fixed scores; everyone else starts at the base
 * score and is adjusted by income band and loan type.
 *
 * <p>The variation is derived from the application id rather than drawn at random, so a redelivered
 * message yields the same score and the decision never depends on delivery count.
 */
public final class CreditScoring {

  private final ScoringRules rules;
  private final Clock clock;

  public CreditScoring(ScoringRules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * The credit report for a submitted application, whose PAN the caller opened, stamped with the
   * time it was scored.
   */
  public CreditReport assess(ApplicationSubmitted submitted, String panNumber) {
    var score =
        score(
            submitted.applicationId(),
            panNumber,
            submitted.monthlyIncomeInr(),
            submitted.loanType());
    return CreditReport.of(submitted, score, clock.instant());
  }

  public int score(
      UUID applicationId, String panNumber, BigDecimal monthlyIncomeInr, LoanType loanType) {
    var fixed = rules.demonstrationScores().get(panNumber);
    if (fixed != null) {
      return fixed;
    }
    int score =
        rules.baseScore() + incomeAdjustment(monthlyIncomeInr) + loanTypeAdjustment(loanType);
    return clamp(score + variation(applicationId));
  }

  int incomeAdjustment(BigDecimal monthlyIncomeInr) {
    if (monthlyIncomeInr.compareTo(rules.highIncomeAboveInr()) > 0) {
      return rules.highIncomeAdjustment();
    }
    if (monthlyIncomeInr.compareTo(rules.lowIncomeBelowInr()) < 0) {
      return rules.lowIncomeAdjustment();
    }
    return 0;
  }

  int loanTypeAdjustment(LoanType loanType) {
    return rules.loanTypeAdjustments().get(loanType);
  }

  /** A value within ±maxVariation fixed by the id; UUID.hashCode is specified, so it is stable. */
  int variation(UUID applicationId) {
    int spread = rules.maxVariation();
    return Math.floorMod(applicationId.hashCode(), 2 * spread + 1) - spread;
  }

  static int clamp(int score) {
    return Math.max(CibilScore.MIN, Math.min(CibilScore.MAX, score));
  }
}
