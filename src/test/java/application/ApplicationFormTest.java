package application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import fixtures.SubmittedMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import messages.LoanType;
import messages.PanNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import privacy.KeyedHash;

class ApplicationFormTest {

  private static final String PAN = "pan_number";
  private static final String NAME = "applicant_name";
  private static final String INCOME = "monthly_income_inr";
  private static final String LOAN = "loan_amount_inr";
  private static final String TYPE = "loan_type";
  private static final String PAN_FORMAT =
      "must match ^[A-Z]{5}[0-9]{4}[A-Z]$ (for example ABCDE1234F)";
  private static final String LOAN_TYPES = "must be one of [PERSONAL, HOME, AUTO]";

  private static Map<String, Object> validBody() {
    var body = new HashMap<String, Object>();
    body.put(PAN, "ABCDE1234F");
    body.put(NAME, "Asha Rao");
    body.put(INCOME, new BigDecimal("85000.5"));
    body.put(LOAN, 500000);
    body.put(TYPE, "HOME");
    return body;
  }

  private static Map<String, Object> validBodyWith(String field, Object value) {
    var body = validBody();
    body.put(field, value);
    return body;
  }

  private static List<FieldError> errorsOf(Map<String, ?> body) {
    return assertThatExceptionOfType(InvalidApplicationException.class)
        .isThrownBy(() -> ApplicationForm.parse(body))
        .actual()
        .errors();
  }

  @Test
  void parsesAValidForm() {
    var form = ApplicationForm.parse(validBody());

    assertThat(form.panNumber()).isEqualTo(new PanNumber("ABCDE1234F"));
    assertThat(form.applicantName()).isEqualTo("Asha Rao");
    assertThat(form.monthlyIncomeInr()).isEqualTo(new BigDecimal("85000.50"));
    assertThat(form.loanAmountInr()).isEqualTo(new BigDecimal("500000.00"));
    assertThat(form.loanType()).isEqualTo(LoanType.HOME);
  }

  @Test
  void toStringDoesNotRevealThePan() {
    assertThat(ApplicationForm.parse(validBody()).toString())
        .contains("ABCDE***4F")
        .doesNotContain("ABCDE1234F");
  }

  @ParameterizedTest(name = "a missing {0} is required")
  @CsvSource({PAN, NAME, INCOME, LOAN, TYPE})
  void eachFieldIsRequired(String field) {
    var body = validBody();
    body.remove(field);

    assertThat(errorsOf(body)).containsExactly(new FieldError(field, "is required"));
  }

  @ParameterizedTest(name = "a JSON null {0} is required")
  @CsvSource({PAN, NAME, INCOME, LOAN, TYPE})
  void aNullFieldIsRequired(String field) {
    assertThat(errorsOf(validBodyWith(field, null)))
        .containsExactly(new FieldError(field, "is required"));
  }

  @ParameterizedTest(name = "{0} given a JSON {1} is refused: {2}")
  @CsvSource({
    "pan_number,         integer, must be a string",
    "pan_number,         decimal, must be a string",
    "pan_number,         boolean, must be a string",
    "pan_number,         list,    must be a string",
    "pan_number,         object,  must be a string",
    "applicant_name,     integer, must be a string",
    "applicant_name,     boolean, must be a string",
    "applicant_name,     list,    must be a string",
    "applicant_name,     object,  must be a string",
    "monthly_income_inr, string,  must be a number",
    "monthly_income_inr, boolean, must be a number",
    "monthly_income_inr, list,    must be a number",
    "monthly_income_inr, object,  must be a number",
    "loan_amount_inr,    string,  must be a number",
    "loan_amount_inr,    boolean, must be a number",
    "loan_amount_inr,    list,    must be a number",
    "loan_amount_inr,    object,  must be a number",
    "loan_type,          integer, '" + LOAN_TYPES + "'",
    "loan_type,          boolean, '" + LOAN_TYPES + "'",
    "loan_type,          list,    '" + LOAN_TYPES + "'",
    "loan_type,          object,  '" + LOAN_TYPES + "'",
  })
  void refusesTheWrongJsonType(String field, String jsonType, String message) {
    assertThat(errorsOf(validBodyWith(field, jsonValueOfType(jsonType))))
        .containsExactly(new FieldError(field, message));
  }

  @ParameterizedTest(name = "pan_number ''{0}'' is refused")
  @CsvSource({
    "abcde1234f",
    "ABCDE1234f",
    "' ABCDE1234F'",
    "'ABCDE1234F '",
    "ABCDE123F",
    "ABCDE12345F",
    "ABCDE1234FG",
    "ABCD51234F",
    "''",
  })
  void refusesAMalformedPan(String pan) {
    assertThat(errorsOf(validBodyWith(PAN, pan))).containsExactly(new FieldError(PAN, PAN_FORMAT));
  }

  @ParameterizedTest(name = "a name of {1} × ''{0}'' is accepted unchanged")
  @CsvSource({"a, 1", "a, 255", "क, 255", "𝐀, 255"})
  void acceptsNamesUpTo255Characters(String character, int count) {
    var name = character.repeat(count);

    assertThat(ApplicationForm.parse(validBodyWith(NAME, name)).applicantName()).isEqualTo(name);
  }

  @ParameterizedTest(name = "a name of {1} × ''{0}'' is too long")
  @CsvSource({"a, 256", "क, 256", "😀, 256", "a, 1000"})
  void refusesNamesOver255Characters(String character, int count) {
    assertThat(errorsOf(validBodyWith(NAME, character.repeat(count))))
        .containsExactly(new FieldError(NAME, "must be at most 255 characters"));
  }

  @ParameterizedTest(name = "the name ''{0}'' is accepted unchanged")
  @CsvSource({
    "Asha Rao",
    "राजेश कुमार",
    "O'Brien-Nair",
    "José Álvarez",
    "Lakshmi 😀",
    "X",
    "क्‍ष",
    "श्‌र"
  })
  void acceptsRealNames(String name) {
    assertThat(ApplicationForm.parse(validBodyWith(NAME, name)).applicantName()).isEqualTo(name);
  }

  @ParameterizedTest(name = "the name ''{0}'' is blank")
  @CsvSource({"''", "' '", "'    '"})
  void refusesABlankName(String name) {
    assertThat(errorsOf(validBodyWith(NAME, name)))
        .containsExactly(new FieldError(NAME, "must not be blank"));
  }

  @ParameterizedTest(name = "a name containing U+{0} is refused")
  @CsvSource({
    "0000",
    "0009",
    "000A",
    "000D",
    "001B",
    "007F",
    "0085",
    "009F", // control characters
    "200B",
    "202E",
    "2066",
    "FEFF", // invisible formatting: zero-width space, bidi overrides, BOM
    "D800",
    "DFFF" // unpaired surrogates
  })
  void refusesHiddenCharactersInAName(String hex) {
    var name = "Asha" + (char) Integer.parseInt(hex, 16) + "Rao";

    assertThat(errorsOf(validBodyWith(NAME, name)))
        .containsExactly(new FieldError(NAME, "must not contain control or formatting characters"));
  }

  @ParameterizedTest(name = "the name ''{0}'' has no letter")
  @CsvSource({"' '", "'123'", "'-- .'", "'😀'"})
  void refusesANameWithoutALetter(String name) {
    assertThat(errorsOf(validBodyWith(NAME, name)))
        .containsExactly(new FieldError(NAME, "must contain at least one letter"));
  }

  @ParameterizedTest(name = "amount {0} is accepted as {1}")
  @CsvSource({
    "0.01,           0.01",
    "0.010,          0.01",
    "1,              1.00",
    "1.1,            1.10",
    "1.10,           1.10",
    "1.100,          1.10",
    "1E+3,           1000.00",
    "75000,          75000.00",
    "75000.5,        75000.50",
    "9999999999.99,  9999999999.99",
    "9999999999.990, 9999999999.99",
  })
  void acceptsAPositiveAmountWithAtMostTwoDecimals(BigDecimal amount, String expected) {
    var form = ApplicationForm.parse(validBodyWith(INCOME, amount));
    var sameLoan = ApplicationForm.parse(validBodyWith(LOAN, amount));

    assertThat(form.monthlyIncomeInr().toPlainString()).isEqualTo(expected);
    assertThat(sameLoan.loanAmountInr().toPlainString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "amount {0} is refused: {1}")
  @CsvSource({
    "0,                must be greater than 0",
    "0.00,             must be greater than 0",
    "-0.01,            must be greater than 0",
    "-75000,           must be greater than 0",
    "0.001,            must have at most 2 decimal places",
    "1E-3,             must have at most 2 decimal places",
    "75000.001,        must have at most 2 decimal places",
    "10000000000.00,   must be at most 9999999999.99",
    "10000000000,      must be at most 9999999999.99",
    "1E+10,            must be at most 9999999999.99",
    "9999999999.991,   must be at most 9999999999.99",
  })
  void refusesAnAmountOutOfRange(BigDecimal amount, String message) {
    assertThat(errorsOf(validBodyWith(INCOME, amount)))
        .containsExactly(new FieldError(INCOME, message));
    assertThat(errorsOf(validBodyWith(LOAN, amount)))
        .containsExactly(new FieldError(LOAN, message));
  }

  @ParameterizedTest(name = "the JSON integer {1} read as {0} is accepted as {2}")
  @CsvSource({
    "Integer,    1,           1.00",
    "Integer,    75000,       75000.00",
    "Short,      500,         500.00",
    "Long,       9999999999,  9999999999.00",
    "BigInteger, 9999999999,  9999999999.00",
  })
  void acceptsJsonIntegers(String javaType, long value, String expected) {
    var form = ApplicationForm.parse(validBodyWith(INCOME, integerOfType(javaType, value)));

    assertThat(form.monthlyIncomeInr().toPlainString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "the JSON integer {1} read as {0} is refused: {2}")
  @CsvSource({
    "Integer,    0,            must be greater than 0",
    "Integer,    -1,           must be greater than 0",
    "Long,       -1,           must be greater than 0",
    "Long,       10000000000,  must be at most 9999999999.99",
    "BigInteger, 10000000000,  must be at most 9999999999.99",
  })
  void refusesJsonIntegersOutOfRange(String javaType, long value, String message) {
    assertThat(errorsOf(validBodyWith(LOAN, integerOfType(javaType, value))))
        .containsExactly(new FieldError(LOAN, message));
  }

  @ParameterizedTest(name = "loan_type {0} is accepted")
  @CsvSource({"PERSONAL", "HOME", "AUTO"})
  void acceptsEachLoanType(LoanType type) {
    assertThat(ApplicationForm.parse(validBodyWith(TYPE, type.name())).loanType()).isEqualTo(type);
  }

  @ParameterizedTest(name = "loan_type ''{0}'' is refused")
  @CsvSource({"personal", "Home", "CAR", "EDUCATION", "''", "' HOME'", "'AUTO '"})
  void refusesAnyOtherLoanType(String type) {
    assertThat(errorsOf(validBodyWith(TYPE, type)))
        .containsExactly(new FieldError(TYPE, LOAN_TYPES));
  }

  @Test
  void ignoresUnknownFields() {
    var body = validBody();
    body.put("pan", 42);
    body.put("channel", "mobile");
    body.put("co_applicant", Map.of("pan_number", "nope"));

    assertThat(ApplicationForm.parse(body)).isEqualTo(ApplicationForm.parse(validBody()));
  }

  @Test
  void reportsEveryErrorAtOnceInFieldOrder() {
    var body = new HashMap<String, Object>();
    body.put(TYPE, "car");
    body.put(LOAN, new BigDecimal("0.001"));
    body.put(INCOME, "85000");
    body.put(NAME, " ");
    body.put(PAN, "abcde1234f");

    assertThat(errorsOf(body))
        .containsExactly(
            new FieldError(PAN, PAN_FORMAT),
            new FieldError(NAME, "must not be blank"),
            new FieldError(INCOME, "must be a number"),
            new FieldError(LOAN, "must have at most 2 decimal places"),
            new FieldError(TYPE, LOAN_TYPES));
  }

  @Test
  void reportsEveryMissingFieldOfAnEmptyBody() {
    assertThat(errorsOf(Map.of()))
        .containsExactly(
            new FieldError(PAN, "is required"),
            new FieldError(NAME, "is required"),
            new FieldError(INCOME, "is required"),
            new FieldError(LOAN, "is required"),
            new FieldError(TYPE, "is required"));
  }

  @Test
  void reportsOnlyTheBrokenFields() {
    var body = validBodyWith(NAME, null);
    body.put(LOAN, 0);

    assertThat(errorsOf(body))
        .containsExactly(
            new FieldError(NAME, "is required"), new FieldError(LOAN, "must be greater than 0"));
  }

  private static Object jsonValueOfType(String jsonType) {
    return switch (jsonType) {
      case "string" -> "85000";
      case "integer" -> 1;
      case "decimal" -> new BigDecimal("1.5");
      case "boolean" -> true;
      case "list" -> List.of("ABCDE1234F");
      case "object" -> Map.of("value", "ABCDE1234F");
      default -> throw new IllegalArgumentException(jsonType);
    };
  }

  private static Object integerOfType(String javaType, long value) {
    return switch (javaType) {
      case "Short" -> (short) value;
      case "Integer" -> (int) value;
      case "Long" -> value;
      case "BigInteger" -> BigInteger.valueOf(value);
      default -> throw new IllegalArgumentException(javaType);
    };
  }

  private static final KeyedHash KEYED_HASH = new KeyedHash(new byte[32]);

  @Test
  void toSubmittedCopiesTheValidatedFormWithItsPanSealed() {
    var id = UUID.fromString("6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b");
    var at = Instant.parse("2025-01-15T10:30:00Z");
    var income = new BigDecimal("82000.00");
    var loan = new BigDecimal("480000.00");
    var form =
        new ApplicationForm(
            new PanNumber("FGHIJ5678K"), "राजेश कुमार", income, loan, LoanType.AUTO);

    assertThat(form.toSubmitted(id, "k1:c2VhbGVk", at, "corr-9"))
        .isEqualTo(
            SubmittedMessage.of(id)
                .sealedPan("k1:c2VhbGVk")
                .income("82000.00")
                .loan("480000.00")
                .loanType("AUTO")
                .timestamp(at.toString())
                .correlationId("corr-9")
                .toRecord());
  }

  @Test
  void fingerprintIsTheSameForTheSameValuesHoweverWritten() {
    var written = validBodyWith(INCOME, new BigDecimal("85000.50"));
    written.put(LOAN, new BigDecimal("500000.00"));
    written.put("channel", "mobile");

    assertThat(ApplicationForm.parse(written).fingerprint(KEYED_HASH))
        .isEqualTo(ApplicationForm.parse(validBody()).fingerprint(KEYED_HASH))
        .hasSize(64)
        .matches("[0-9a-f]{64}");
  }

  @ParameterizedTest(name = "another {0} is another fingerprint")
  @CsvSource({
    PAN + ", ABCDE1234G",
    NAME + ", Asha Rai",
    INCOME + ", 85000.51",
    LOAN + ", 500001",
    TYPE + ", AUTO"
  })
  void fingerprintChangesWithEveryField(String field, String value) {
    Object typed = field.equals(INCOME) || field.equals(LOAN) ? new BigDecimal(value) : value;

    assertThat(ApplicationForm.parse(validBodyWith(field, typed)).fingerprint(KEYED_HASH))
        .isNotEqualTo(ApplicationForm.parse(validBody()).fingerprint(KEYED_HASH));
  }

  @Test
  void fingerprintKeepsFieldsApartWhereTheirTextWouldRunTogether() {
    var shorterName = validBodyWith(NAME, "Asha 1");
    shorterName.put(INCOME, new BigDecimal("11.00"));
    var longerName = validBodyWith(NAME, "Asha 11");
    longerName.put(INCOME, new BigDecimal("1.00"));

    assertThat(ApplicationForm.parse(shorterName).fingerprint(KEYED_HASH))
        .isNotEqualTo(ApplicationForm.parse(longerName).fingerprint(KEYED_HASH));
  }
}
