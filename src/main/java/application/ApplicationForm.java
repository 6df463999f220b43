package application;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import messages.ApplicationSubmitted;
import messages.LoanType;
import messages.PanNumber;
import privacy.KeyedHash;

/**
 * A validated submission. {@link #parse(Map)} takes the request body as a JSON object (numbers as
 * {@link BigDecimal} or integers, never {@code double}) and reports every field that breaks the
 * contract at once.
 */
public record ApplicationForm(
    PanNumber panNumber,
    String applicantName,
    BigDecimal monthlyIncomeInr,
    BigDecimal loanAmountInr,
    LoanType loanType) {

  public static final String PAN_NUMBER = "pan_number";
  public static final String APPLICANT_NAME = "applicant_name";
  public static final String MONTHLY_INCOME_INR = "monthly_income_inr";
  public static final String LOAN_AMOUNT_INR = "loan_amount_inr";
  public static final String LOAN_TYPE = "loan_type";

  public static final int NAME_MAX_CHARACTERS = 255;
  private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  /** The columns are DECIMAL(12,2). */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

  public static ApplicationForm parse(Map<String, ?> body) {
    var errors = new ArrayList<FieldError>();
    var pan = panNumber(body.get(PAN_NUMBER), errors);
    var name = applicantName(body.get(APPLICANT_NAME), errors);
    var income = amount(MONTHLY_INCOME_INR, body.get(MONTHLY_INCOME_INR), errors);
    var loan = amount(LOAN_AMOUNT_INR, body.get(LOAN_AMOUNT_INR), errors);
    var type = loanType(body.get(LOAN_TYPE), errors);
    if (!errors.isEmpty()) {
      throw new InvalidApplicationException(errors);
    }
    return new ApplicationForm(pan, name, income, loan, type);
  }

  /**
   * The {@code loan_applications_submitted} message of this form, stored as application {@code id},
   * with its PAN as {@code panNumberSealed}.
   */
  public ApplicationSubmitted toSubmitted(
      UUID id, String panNumberSealed, Instant timestamp, String correlationId) {
    return new ApplicationSubmitted(
        id, panNumberSealed, monthlyIncomeInr, loanAmountInr, loanType, timestamp, correlationId);
  }

  /**
   * What makes two submissions the same application: a keyed hash of the validated values, so 75000
   * and 75000.00 match and extra fields do not count. Stored beside an Idempotency-Key in place of
   * the request, which would hold the PAN in clear; keyed, because an unkeyed hash of so few PANs
   * could be reversed by trying them all.
   */
  public String fingerprint(KeyedHash keyedHash) {
    return keyedHash.of(
        List.of(
            panNumber.value(),
            applicantName,
            monthlyIncomeInr.toPlainString(),
            loanAmountInr.toPlainString(),
            loanType.name()));
  }

  private static PanNumber panNumber(Object raw, List<FieldError> errors) {
    if (raw == null) {
      errors.add(new FieldError(PAN_NUMBER, "is required"));
    } else if (!(raw instanceof String text)) {
      errors.add(new FieldError(PAN_NUMBER, "must be a string"));
    } else if (!PanNumber.isValid(text)) {
      errors.add(
          new FieldError(
              PAN_NUMBER, "must match " + PanNumber.FORMAT + " (for example ABCDE1234F)"));
    } else {
      return new PanNumber(text);
    }
    return null;
  }

  private static String applicantName(Object raw, List<FieldError> errors) {
    if (raw == null) {
      errors.add(new FieldError(APPLICANT_NAME, "is required"));
    } else if (!(raw instanceof String text)) {
      errors.add(new FieldError(APPLICANT_NAME, "must be a string"));
    } else if (text.isBlank()) {
      errors.add(new FieldError(APPLICANT_NAME, "must not be blank"));
    } else if (text.codePointCount(0, text.length()) > NAME_MAX_CHARACTERS) {
      errors.add(
          new FieldError(APPLICANT_NAME, "must be at most " + NAME_MAX_CHARACTERS + " characters"));
    } else if (text.codePoints().anyMatch(ApplicationForm::isHiddenCharacter)) {
      // PostgreSQL refuses NUL; the others hide or reorder what a reviewer would read.
      errors.add(
          new FieldError(APPLICANT_NAME, "must not contain control or formatting characters"));
    } else if (text.codePoints().noneMatch(Character::isLetter)) {
      errors.add(new FieldError(APPLICANT_NAME, "must contain at least one letter"));
    } else {
      return text;
    }
    return null;
  }

  /**
   * Control characters, unpaired surrogates and invisible formatting such as right-to-left
   * overrides. Zero-width joiner and non-joiner stay allowed: Indic scripts need them.
   */
  private static boolean isHiddenCharacter(int codePoint) {
    var type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.SURROGATE
        || (type == Character.FORMAT
            && codePoint != ZERO_WIDTH_NON_JOINER
            && codePoint != ZERO_WIDTH_JOINER);
  }

  private static BigDecimal amount(String field, Object raw, List<FieldError> errors) {
    if (raw == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    var value = decimal(raw);
    if (value == null) {
      errors.add(new FieldError(field, "must be a number"));
    } else if (value.signum() <= 0) {
      errors.add(new FieldError(field, "must be greater than 0"));
    } else if (value.compareTo(MAX_AMOUNT) > 0) {
      errors.add(new FieldError(field, "must be at most " + MAX_AMOUNT.toPlainString()));
    } else if (value.stripTrailingZeros().scale() > 2) {
      errors.add(new FieldError(field, "must have at most 2 decimal places"));
    } else {
      return value.setScale(2);
    }
    return null;
  }

  private static BigDecimal decimal(Object raw) {
    if (raw instanceof BigDecimal decimal) {
      return decimal;
    }
    if (raw instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    return null;
  }

  private static LoanType loanType(Object raw, List<FieldError> errors) {
    var allowed = Arrays.toString(LoanType.values());
    if (raw == null) {
      errors.add(new FieldError(LOAN_TYPE, "is required"));
    } else if (raw instanceof String text
        && Arrays.stream(LoanType.values()).anyMatch(t -> t.name().equals(text))) {
      return LoanType.valueOf(text);
    } else {
      errors.add(new FieldError(LOAN_TYPE, "must be one of " + allowed));
    }
    return null;
  }
}
