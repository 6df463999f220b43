package review;

import application.ApplicationStatus;
import java.math.BigDecimal;

/**
 * Approving a loan above a set amount takes two reviewers: the first proposes, a different one
 * confirms. A rejection, or an approval at or below the amount, takes one.
 */
public record FourEyesRule(BigDecimal aboveInr) {

  public boolean needsConfirmation(ApplicationStatus outcome, BigDecimal loanAmountInr) {
    return outcome == ApplicationStatus.PRE_APPROVED && loanAmountInr.compareTo(aboveInr) > 0;
  }
}
