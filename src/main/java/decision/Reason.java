package decision;

import java.math.BigDecimal;

/**
 * One reason for a decision: its catalogue code and factor, the value observed and the threshold it
 * was held against (both null for a reviewer's finding), and the applicant's sentence.
 */
public record Reason(
    ReasonCode code,
    String factor,
    BigDecimal observed,
    BigDecimal threshold,
    String message,
    String messageHindi) {

  public static Reason of(ReasonCode code, BigDecimal observed, BigDecimal threshold) {
    return new Reason(
        code,
        code.factor(),
        observed,
        threshold,
        code.message(observed, threshold),
        code.messageHindi(observed, threshold));
  }

  /** A reviewer's finding: a code from the catalogue, with no measured value. */
  public static Reason finding(ReasonCode code) {
    return of(code, null, null);
  }
}
