package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import decision.Reason;
import decision.ReasonCode;
import fixtures.ApiContract;
import fixtures.LendingPolicies;
import fixtures.Topics;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import store.DecisionReasons;

class SubmissionFlowIT extends EndToEndTest {

  @ParameterizedTest(name = "{0} earning {1} for a {3} loan of {2} is {4} with CIBIL {5}")
  @CsvSource({
    "ABCDE1234F, 250000.00, 500000.00, PERSONAL, PRE_APPROVED,  790",
    "FGHIJ5678K,  75000.00, 500000.00, PERSONAL, REJECTED,      610",
    "ABCDE1234F,  10000.00, 480000.00, HOME,     MANUAL_REVIEW, 790",
    "ABCDE1234F,  10000.01, 480000.00, HOME,     PRE_APPROVED,  790",
  })
  void submittedApplicationIsScoredAndDecided(
      String pan, String income, String loan, String type, String outcome, int score) {
    var id = submit(application(pan, "Rajesh Kumar", income, loan, type));

    assertThat(awaitDecision(id)).isEqualTo(outcome);
    var row = jdbc.queryForMap("SELECT status, cibil_score FROM applications WHERE id = ?", id);
    assertThat(row).containsEntry("status", outcome).containsEntry("cibil_score", score);
    assertThat(decisionEvents(id)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} earning {1} for a loan of {2}: {3} for {4} ({5} against {6})")
  @CsvSource({
    "FGHIJ5678K,  75000.00, 500000.00, REJECTED,      CIBIL_SCORE_BELOW_MINIMUM,         610,      650",
    "ABCDE1234F,  10000.00, 480000.00, MANUAL_REVIEW, INCOME_NOT_ABOVE_INSTALMENT_PROXY, 10000.00, 10000.00",
    "ABCDE1234F, 250000.00, 500000.00, PRE_APPROVED,  ALL_CRITERIA_MET,                  ,",
  })
  void everyDecisionIsExplainedStampedWithThePolicyAndAudited(
      String pan,
      String income,
      String loan,
      String outcome,
      ReasonCode code,
      BigDecimal observed,
      BigDecimal threshold) {
    var id = submit(application(pan, "Rajesh Kumar", income, loan, "PERSONAL"));
    assertThat(awaitDecision(id)).isEqualTo(outcome);
    var version = LendingPolicies.STANDARD.version();

    var status = readTree(api().get("/applications/" + id + "/status").body());
    assertThat(status.get("policy_version").asText()).isEqualTo(version);
    assertThat(status.get("reasons")).hasSize(1);
    var told = status.get("reasons").get(0);
    assertThat(told.get("code").asText()).isEqualTo(code.name());
    assertThat(told.get("message").asText()).isEqualTo(code.message(observed, threshold));
    assertThat(told.get("message_hindi").asText())
        .isEqualTo(code.messageHindi(observed, threshold));
    assertThat(told.has("observed")).as("the applicant's view is the sentence only").isFalse();

    var row =
        jdbc.queryForMap(
            "SELECT CAST(decision_reasons AS text) AS reasons, policy_version, decided_by,"
                + " decided_at FROM applications WHERE id = ?",
            id);
    assertThat(row).containsEntry("policy_version", version).containsEntry("decided_by", "system");
    assertThat(row.get("decided_at")).isNotNull();
    assertThat(DecisionReasons.fromJson((String) row.get("reasons")))
        .containsExactly(Reason.of(code, observed, threshold));

    var event =
        jdbc.queryForMap(
            "SELECT actor, array_to_string(reason_codes, ',') AS reason_codes, policy_version"
                + " FROM application_events WHERE application_id = ? AND to_status = ?",
            id,
            outcome);
    assertThat(event)
        .containsEntry("actor", "system")
        .containsEntry("reason_codes", code.name())
        .containsEntry("policy_version", version);
  }

  @Test
  void aPendingApplicationHasNoReasonsYet() {
    var id = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO applications (id, monthly_income_inr, loan_amount_inr, loan_type, status)"
            + " VALUES (?, 1, 1, 'HOME', 'PENDING')",
        id);

    var status = readTree(api().get("/applications/" + id + "/status").body());

    assertThat(status.get("status").asText()).isEqualTo("PENDING");
    assertThat(status.has("reasons")).isFalse();
    assertThat(status.has("policy_version")).isFalse();
  }

  @Test
  void ordinaryApplicantIsScoredFromTheRules() {
    var id = submit(application("KLMNO9012P", "Asha Verma", "80000.00", "1000000.00", "HOME"));

    assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
    var score =
        jdbc.queryForObject("SELECT cibil_score FROM applications WHERE id = ?", Integer.class, id);
    assertThat(score).isBetween(650 + 40 + 10 - 5, 650 + 40 + 10 + 5);
  }

  @Test
  void correlationIdIsEchoedAndCarriedThroughKafka() {
    var response =
        api()
            .post(
                "/applications",
                "application/json",
                application("ABCDE1234F", "Rajesh Kumar", "90000", "500000", "AUTO"),
                Map.of("X-Correlation-ID", "lender-req-42"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().allValues("X-Correlation-ID")).containsExactly("lender-req-42");
    var id = UUID.fromString(readTree(response.body()).get("application_id").asText());
    awaitDecision(id);
    var payload =
        jdbc.queryForObject(
            "SELECT payload FROM outbox WHERE topic = '"
                + Topics.SUBMITTED
                + "' AND message_key = ?",
            String.class,
            id.toString());
    assertThat(readTree(payload).get("correlation_id").asText()).isEqualTo("lender-req-42");
    assertThat(
            jdbc.queryForList(
                "SELECT correlation_id FROM application_events WHERE application_id = ?",
                String.class,
                id))
        .containsExactly("lender-req-42", "lender-req-42");
  }

  @Test
  void missingOrUnsafeCorrelationIdIsReplacedByANewOne() {
    var response = api().get("/health", Map.of("X-Correlation-ID", "bad id with spaces"));

    var echoed = response.headers().firstValue("X-Correlation-ID").orElseThrow();
    assertThat(UUID.fromString(echoed)).isNotNull();
  }

  @Test
  void devanagariNameRoundTripsIntact() {
    var name = "राजेश कुमार";
    var id = submit(application("ABCDE1234F", name, "90000", "500000", "AUTO"));

    assertThat(storedName(id)).isEqualTo(name);
  }

  @Test
  void submittedEventCarriesExactDecimalsAsStrings() {
    var id = submit(application("ABCDE1234F", "Rajesh Kumar", "12345.67", "98765.43", "AUTO"));

    var payload =
        readTree(
            jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE topic = '"
                    + Topics.SUBMITTED
                    + "' AND message_key = ?",
                String.class,
                id.toString()));
    assertThat(payload.get("monthly_income_inr").isTextual()).isTrue();
    assertThat(payload.get("monthly_income_inr").asText()).isEqualTo("12345.67");
    assertThat(payload.get("loan_amount_inr").asText()).isEqualTo("98765.43");
    assertThat(payload.get("application_id").asText()).isEqualTo(id.toString());
    assertThat(payload.get("timestamp").asText()).endsWith("Z");
  }

  @Test
  void healthReportsBothDependenciesConnected() {
    var response = api().get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(readTree(response.body()))
        .isEqualTo(
            readTree(
                "{\"status\":\"healthy\",\"database\":\"connected\",\"kafka\":\"connected\"}"));
  }

  @ParameterizedTest(name = "Accept: {0} gets the contract as written")
  @CsvSource(
      value = {"application/json", "text/plain", "*/*", "none"},
      nullValues = "none")
  void contractIsServedAsWrittenWhateverTheClientAccepts(String accept) throws Exception {
    var response = api().get("/openapi.yaml", accepting(accept));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
    assertThat(response.body()).isEqualTo(Files.readString(ApiContract.FILE));
  }

  @ParameterizedTest(name = "Accept: {0} gets the contract as JSON")
  @CsvSource(
      value = {"application/json", "application/yaml", "none"},
      nullValues = "none")
  void contractIsServedAsJsonToo(String accept) throws Exception {
    var response = api().get("/openapi.json", accepting(accept));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(readTree(response.body())).isEqualTo(ApiContract.document());
  }

  private static Map<String, String> accepting(String accept) {
    return accept == null ? Map.of() : Map.of("Accept", accept);
  }
}
