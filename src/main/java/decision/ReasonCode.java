package decision;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The catalogue of reasons a decision gives: stable codes a lender's systems can act on, with the
 * factor each one is about and the sentence the applicant reads. The policy's own reasons carry the
 * observed value and the threshold it was held against; the reviewers' reasons are findings of a
 * human and carry neither.
 */
public enum ReasonCode {
  CIBIL_SCORE_BELOW_MINIMUM(
      Source.POLICY,
      "cibil_score",
      "The CIBIL score %s is below the minimum of %s that the lending policy requires.",
      "सिबिल स्कोर %s, ऋण नीति के न्यूनतम %s से कम है।"),
  INCOME_NOT_ABOVE_INSTALMENT_PROXY(
      Source.POLICY,
      "monthly_income_inr",
      "The monthly income of INR %s does not exceed INR %s, the loan amount spread over the"
          + " policy's instalment term; a reviewer will look at the application.",
      "मासिक आय ₹%s, ऋण राशि की अनुमानित मासिक किस्त ₹%s से अधिक नहीं है; एक समीक्षक आवेदन"
          + " देखेंगे।"),
  ALL_CRITERIA_MET(
      Source.POLICY,
      null,
      "The CIBIL score and the monthly income meet the lending policy.",
      "सिबिल स्कोर और मासिक आय ऋण नीति के अनुरूप हैं।"),
  INCOME_VERIFIED(
      Source.REVIEWER,
      "monthly_income_inr",
      "A reviewer verified that the income supports the loan.",
      "समीक्षक ने सत्यापित किया कि आय ऋण के लिए पर्याप्त है।"),
  REPAYMENT_CAPACITY_INSUFFICIENT(
      Source.REVIEWER,
      "monthly_income_inr",
      "A reviewer found the income insufficient to repay the loan.",
      "समीक्षक ने पाया कि आय ऋण चुकाने के लिए पर्याप्त नहीं है।"),
  EXISTING_OBLIGATIONS_TOO_HIGH(
      Source.REVIEWER,
      "existing_obligations",
      "A reviewer found the existing loan obligations too high for the loan.",
      "समीक्षक ने पाया कि मौजूदा ऋण दायित्व इस ऋण के लिए बहुत अधिक हैं।"),
  DOCUMENTS_INCOMPLETE(
      Source.REVIEWER,
      "documents",
      "The documents needed to verify the application are incomplete.",
      "आवेदन के सत्यापन के लिए आवश्यक दस्तावेज़ अधूरे हैं।");

  /** Who gives a reason: the policy's rules, or a reviewer working a task. */
  public enum Source {
    POLICY,
    REVIEWER
  }

  private final Source source;
  private final String factor;
  private final String english;
  private final String hindi;

  ReasonCode(Source source, String factor, String english, String hindi) {
    this.source = source;
    this.factor = factor;
    this.english = english;
    this.hindi = hindi;
  }

  public Source source() {
    return source;
  }

  /** The input the reason is about, as the API names it; null when it is about all of them. */
  public String factor() {
    return factor;
  }

  /** The applicant's sentence, in English, with the observed value and threshold filled in. */
  public String message(BigDecimal observed, BigDecimal threshold) {
    return format(english, observed, threshold);
  }

  /** The same sentence in Hindi. */
  public String messageHindi(BigDecimal observed, BigDecimal threshold) {
    return format(hindi, observed, threshold);
  }

  private static String format(String template, BigDecimal observed, BigDecimal threshold) {
    return String.format(Locale.ROOT, template, plain(observed), plain(threshold));
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }
}
