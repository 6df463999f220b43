package credit;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import messages.ApplicationSubmitted;
import messages.CibilScore;
import messages.CreditReport;
import messages.LoanType;

/**
 * Simulates a CIBIL score (300–900) from what the applicant declared. Two PANs have fixed scores
 * for demonstrations; everyone else starts at 650 and is adjusted by income band and loan type.
 *
 * <p>The ±5 variation is derived from the application id rather than drawn at random, so a
 * redelivered message yields the same score and the decision never depends on delivery count.
 */
public final class CreditScoring {

  static final int BASE_SCORE = 650;
  static final int MAX_VARIATION = 5;

  private static final Map<String, Integer> FIXED_SCORES =
      Map.of("ABCDE1234F", 790, "FGHIJ5678K", 610);
  private static final BigDecimal HIGH_INCOME = new BigDecimal("75000");
  private static final BigDecimal LOW_INCOME = new BigDecimal("30000");

  private final Clock clock;

  public CreditScoring(Clock clock) {
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
    var fixed = FIXED_SCORES.get(panNumber);
    if (fixed != null) {
      return fixed;
    }
    int score = BASE_SCORE + incomeAdjustment(monthlyIncomeInr) + loanTypeAdjustment(loanType);
    return clamp(score + variation(applicationId));
  }

  static int incomeAdjustment(BigDecimal monthlyIncomeInr) {
    if (monthlyIncomeInr.compareTo(HIGH_INCOME) > 0) {
      return 40;
    }
    if (monthlyIncomeInr.compareTo(LOW_INCOME) < 0) {
      return -20;
    }
    return 0;
  }

  static int loanTypeAdjustment(LoanType loanType) {
    return switch (loanType) {
      case PERSONAL -> -10;
      case HOME -> 10;
      case AUTO -> 0;
    };
  }

  /** A value in -5..+5 fixed by the id; UUID.hashCode is specified, so it is stable across JVMs. */
  static int variation(UUID applicationId) {
    return Math.floorMod(applicationId.hashCode(), 2 * MAX_VARIATION + 1) - MAX_VARIATION;
  }

  static int clamp(int score) {
    return Math.max(CibilScore.MIN, Math.min(CibilScore.MAX, score));
  }
}
