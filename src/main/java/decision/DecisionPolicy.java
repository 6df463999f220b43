package decision;

import application.ApplicationStatus;
import java.math.BigDecimal;

/**
 * Decides a scored application. A score below 650 is rejected; otherwise the applicant is
 * pre-approved when the monthly income strictly exceeds the instalment of a four-year loan (loan /
 * 48), and sent to a human when it does not.
 */
public final class DecisionPolicy {

  public static final int MIN_APPROVABLE_SCORE = 650;
  private static final BigDecimal LOAN_TERM_MONTHS = BigDecimal.valueOf(48);

  public ApplicationStatus decide(
      int cibilScore, BigDecimal monthlyIncomeInr, BigDecimal loanAmountInr) {
    if (cibilScore < MIN_APPROVABLE_SCORE) {
      return ApplicationStatus.REJECTED;
    }
    // income > loan / 48, compared as income * 48 > loan so no rounding can tip the balance.
    if (monthlyIncomeInr.multiply(LOAN_TERM_MONTHS).compareTo(loanAmountInr) > 0) {
      return ApplicationStatus.PRE_APPROVED;
    }
    return ApplicationStatus.MANUAL_REVIEW;
  }
}
