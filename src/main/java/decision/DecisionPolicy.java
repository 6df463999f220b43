package decision;

import application.ApplicationStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Decides a scored application by the lending policy's rules, and says why. A score below the
 * minimum is rejected; otherwise the applicant is pre-approved when the monthly income strictly
 * exceeds the loan spread over the instalment term, and sent to a reviewer when it does not.
 */
public final class DecisionPolicy {

  private final DecisionRules rules;
  private final String version;

  public DecisionPolicy(DecisionRules rules, String version) {
    this.rules = rules;
    this.version = version;
  }

  public Decision decide(int cibilScore, BigDecimal monthlyIncomeInr, BigDecimal loanAmountInr) {
    if (cibilScore < rules.minimumCibilScore()) {
      return decision(
          ApplicationStatus.REJECTED,
          Reason.of(
              ReasonCode.CIBIL_SCORE_BELOW_MINIMUM,
              BigDecimal.valueOf(cibilScore),
              BigDecimal.valueOf(rules.minimumCibilScore())));
    }
    var months = BigDecimal.valueOf(rules.instalmentProxyMonths());
    // income > loan / months, compared as income * months > loan so no rounding can tip it.
    if (monthlyIncomeInr.multiply(months).compareTo(loanAmountInr) > 0) {
      return decision(
          ApplicationStatus.PRE_APPROVED, Reason.of(ReasonCode.ALL_CRITERIA_MET, null, null));
    }
    // Shown rounded down to the paisa: an income in paise that does not exceed the exact
    // instalment does not exceed this either, so the message never contradicts the outcome.
    var instalment = loanAmountInr.divide(months, 2, RoundingMode.DOWN);
    return decision(
        ApplicationStatus.MANUAL_REVIEW,
        Reason.of(ReasonCode.INCOME_NOT_ABOVE_INSTALMENT_PROXY, monthlyIncomeInr, instalment));
  }

  public String version() {
    return version;
  }

  private Decision decision(ApplicationStatus outcome, Reason reason) {
    return new Decision(outcome, List.of(reason), version);
  }
}
