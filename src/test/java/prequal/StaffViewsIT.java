package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fixtures.ApplicationRow;
import fixtures.LendingPolicies;
import fixtures.StaffJwts;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The two staff views on the running service, for applications submitted over HTTP and decided by
 * the real credit and decision steps: the full application with its PAN masked, its reasons in full
 * and its review task as the reviewers see it now, and the audit trail in order; both after erasure
 * too.
 */
class StaffViewsIT extends EndToEndTest {

  private static final Map<String, String> REVIEWER = StaffJwts.reviewer("reviewer-7").header();
  private static final Map<String, String> OPERATOR =
      Map.of("Authorization", "Bearer " + OPERATOR_TOKEN);
  private static final String POLICY_VERSION = LendingPolicies.STANDARD.version();

  @Test
  void aReviewerSeesTheWholeDecidedApplicationWithThePanMasked() {
    var id = submit(application("ABCDE1234F", "Rajesh Kumar", "75000.00", "500000.00", "PERSONAL"));
    assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");

    var response = view(id);

    var stored = stored(id);
    var view = readTree(response.body());
    assertThat(fieldNames(view))
        .containsExactly(
            "application_id",
            "pan_number_masked",
            "monthly_income_inr",
            "loan_amount_inr",
            "loan_type",
            "cibil_score",
            "status",
            "reasons",
            "policy_version",
            "decided_at",
            "decided_by",
            "created_at",
            "updated_at",
            "personal_data_erased_at");
    assertThat(view.has("review")).as("no review task for the policy's own decision").isFalse();
    assertThat(view.get("application_id").asText()).isEqualTo(id.toString());
    assertThat(view.get("pan_number_masked").asText()).isEqualTo("ABCDE***4F");
    // The amounts as JSON numbers with their two decimals, as submitted.
    assertThat(response.body())
        .contains("\"monthly_income_inr\":75000.00")
        .contains("\"loan_amount_inr\":500000.00");
    assertThat(view.get("loan_type").asText()).isEqualTo("PERSONAL");
    assertThat(view.get("cibil_score").asInt()).isEqualTo(790);
    assertThat(view.get("status").asText()).isEqualTo("PRE_APPROVED");
    assertThat(view.get("reasons"))
        .isEqualTo(
            readTree(
                "[{\"code\":\"ALL_CRITERIA_MET\",\"factor\":null,\"observed\":null,"
                    + "\"threshold\":null,\"message\":\"The CIBIL score and the monthly income meet"
                    + " the lending policy.\",\"message_hindi\":\"सिबिल स्कोर और मासिक आय ऋण नीति"
                    + " के अनुरूप हैं।\"}]"));
    assertThat(view.get("policy_version").asText()).isEqualTo(POLICY_VERSION);
    assertThat(view.get("decided_by").asText()).isEqualTo("system");
    assertThat(instant(view, "decided_at")).isEqualTo(stored.get(0));
    assertThat(instant(view, "created_at")).isEqualTo(stored.get(1));
    assertThat(instant(view, "updated_at")).isEqualTo(stored.get(2));
    assertThat(view.get("personal_data_erased_at").isNull()).isTrue();
    assertThat(response.body()).doesNotContain("ABCDE1234F").doesNotContain("Rajesh");
  }

  @Test
  void theReasonsShowWhatWasObservedAndTheThreshold() {
    var rejected =
        submit(application("FGHIJ5678K", "Priya Sharma", "30000.00", "2500000.00", "HOME"));
    var review =
        submit(application("ABCDE1234F", "Rajesh Kumar", "10000.00", "480000.00", "PERSONAL"));
    assertThat(awaitDecision(rejected)).isEqualTo("REJECTED");
    assertThat(awaitDecision(review)).isEqualTo("MANUAL_REVIEW");

    var rejectedView = readTree(view(rejected).body());
    var reviewResponse = view(review);
    var reviewView = readTree(reviewResponse.body());

    assertThat(rejectedView.get("pan_number_masked").asText()).isEqualTo("FGHIJ***8K");
    assertThat(rejectedView.get("cibil_score").asInt()).isEqualTo(610);
    var cibil = rejectedView.get("reasons").get(0);
    assertThat(cibil.get("code").asText()).isEqualTo("CIBIL_SCORE_BELOW_MINIMUM");
    assertThat(cibil.get("factor").asText()).isEqualTo("cibil_score");
    assertThat(cibil.get("observed").decimalValue()).isEqualByComparingTo("610");
    assertThat(cibil.get("threshold").decimalValue()).isEqualByComparingTo("650");
    assertThat(cibil.get("message").asText())
        .isEqualTo(
            "The CIBIL score 610 is below the minimum of 650 that the lending policy requires.");
    assertThat(cibil.get("message_hindi").asText())
        .isEqualTo("सिबिल स्कोर 610, ऋण नीति के न्यूनतम 650 से कम है।");
    assertThat(rejectedView.get("reasons")).hasSize(1);
    assertThat(rejectedView.has("review")).isFalse();

    var income = reviewView.get("reasons").get(0);
    assertThat(reviewView.get("status").asText()).isEqualTo("MANUAL_REVIEW");
    assertThat(income.get("code").asText()).isEqualTo("INCOME_NOT_ABOVE_INSTALMENT_PROXY");
    assertThat(income.get("factor").asText()).isEqualTo("monthly_income_inr");
    assertThat(reviewResponse.body())
        .contains("\"observed\":10000.00")
        .contains("\"threshold\":10000.00")
        .contains("\"monthly_income_inr\":10000.00")
        .contains("\"loan_amount_inr\":480000.00");
    assertThat(income.get("message").asText())
        .contains("INR 10000.00 does not exceed INR 10000.00");
  }

  @Test
  void aReferredApplicationShowsItsReviewTaskAsTheReviewersSeeItNow() {
    var id = submit(application("ABCDE1234F", "Rajesh Kumar", "10000.00", "480000.00", "HOME"));
    assertThat(awaitDecision(id)).isEqualTo("MANUAL_REVIEW");
    var task =
        jdbc.queryForObject(
            "SELECT id, due_at FROM review_tasks WHERE application_id = ?",
            (row, index) ->
                List.of(row.getObject(1, UUID.class), row.getObject(2, OffsetDateTime.class)),
            id);
    var reviewId = (UUID) task.get(0);

    var open = readTree(view(id).body()).get("review");
    var claim = api().post("/reviews/" + reviewId + "/claim", "application/json", null, REVIEWER);
    var claimed = readTree(view(id).body()).get("review");
    jdbc.update(
        "UPDATE review_tasks SET claimed_until = now() - interval '1 second' WHERE id = ?",
        reviewId);
    var lapsed = readTree(view(id).body()).get("review");

    assertThat(fieldNames(open))
        .containsExactly(
            "review_id",
            "application_id",
            "loan_type",
            "loan_amount_inr",
            "due_at",
            "overdue",
            "state");
    assertThat(open.get("review_id").asText()).isEqualTo(reviewId.toString());
    assertThat(open.get("application_id").asText()).isEqualTo(id.toString());
    assertThat(open.get("loan_type").asText()).isEqualTo("HOME");
    assertThat(open.get("loan_amount_inr").decimalValue()).isEqualByComparingTo("480000.00");
    assertThat(instant(open, "due_at")).isEqualTo(((OffsetDateTime) task.get(1)).toInstant());
    assertThat(open.get("overdue").asBoolean()).isFalse();
    assertThat(open.get("state").asText()).isEqualTo("open");
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
    assertThat(claimed.get("state").asText()).isEqualTo("claimed");
    assertThat(claimed.get("claimed_by").asText()).isEqualTo("reviewer-7");
    assertThat(claimed).as("as the claim answered").isEqualTo(readTree(claim.body()));
    assertThat(lapsed.get("state").asText()).as("a lapsed claim reads as open").isEqualTo("open");
    assertThat(lapsed.has("claimed_by")).isFalse();
    assertThat(lapsed.has("claimed_until")).isFalse();
  }

  @Test
  void anUndecidedApplicationShowsNullsWhereTheDecisionWillBe() {
    var id =
        ApplicationRow.pending(UUID.randomUUID())
            .pan("KLMNO9012P")
            .income("90000.00")
            .loan("500000.00")
            .loanType("AUTO")
            .insert(jdbc);

    var view = readTree(view(id).body());

    assertThat(view.get("pan_number_masked").asText()).isEqualTo("KLMNO***2P");
    assertThat(view.get("status").asText()).isEqualTo("PENDING");
    assertThat(view.get("loan_type").asText()).isEqualTo("AUTO");
    assertThat(view.get("reasons")).isEmpty();
    for (var absent :
        List.of(
            "cibil_score",
            "policy_version",
            "decided_at",
            "decided_by",
            "personal_data_erased_at")) {
      assertThat(view.get(absent).getNodeType()).as(absent).isEqualTo(JsonNodeType.NULL);
    }
    assertThat(view.has("review")).isFalse();
  }

  @Test
  void theTrailShowsTheSubmissionThenTheDecisionOldestFirst() {
    var correlationId = "lender-req-" + UUID.randomUUID();
    var submitted =
        api()
            .post(
                "/applications",
                "application/json",
                application("FGHIJ5678K", "Priya Sharma", "30000.00", "2500000.00", "HOME"),
                Map.of("X-Correlation-ID", correlationId));
    assertThat(submitted.statusCode()).isEqualTo(202);
    var id = UUID.fromString(readTree(submitted.body()).get("application_id").asText());
    assertThat(awaitDecision(id)).isEqualTo("REJECTED");

    var response = api().get("/applications/" + id + "/events", REVIEWER);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var trail = readTree(response.body());
    assertThat(trail.get("application_id").asText()).isEqualTo(id.toString());
    var events = trail.get("events");
    assertThat(events).hasSize(2);
    var times = eventTimes(id);
    assertThat(instant(events.get(0), "at")).isEqualTo(times.get(0));
    assertThat(instant(events.get(1), "at")).isEqualTo(times.get(1));
    assertThat(withoutTime(events.get(0)))
        .isEqualTo(event(null, "PENDING", null, null, List.of(), correlationId, null));
    assertThat(withoutTime(events.get(1)))
        .isEqualTo(
            event(
                "PENDING",
                "REJECTED",
                "system",
                null,
                List.of("CIBIL_SCORE_BELOW_MINIMUM"),
                correlationId,
                POLICY_VERSION));
  }

  @Test
  void afterErasureThePanIsGoneAndTheTrailSaysWhen() {
    var id = submit(application("PQRSV1357W", "Meera Iyer", "90000.00", "500000.00", "HOME"));
    var outcome = awaitDecision(id);
    var erased = api().delete("/applications/" + id, OPERATOR);
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    var erasedAt = readTree(erased.body()).get("personal_data_erased_at").asText();

    var response = view(id);
    var events = readTree(api().get("/applications/" + id + "/events", REVIEWER).body());

    var view = readTree(response.body());
    assertThat(view.get("pan_number_masked").getNodeType()).isEqualTo(JsonNodeType.NULL);
    assertThat(instant(view, "personal_data_erased_at"))
        .isEqualTo(OffsetDateTime.parse(erasedAt).toInstant());
    assertThat(view.get("status").asText()).isEqualTo(outcome);
    assertThat(view.get("monthly_income_inr").decimalValue()).isEqualByComparingTo("90000.00");
    assertThat(view.get("reasons")).hasSize(1);
    assertThat(response.body()).doesNotContain("PQRSV").doesNotContain("Meera");
    assertThat(events.get("events")).hasSize(3);
    var erasure = events.get("events").get(2);
    assertThat(erasure.get("action").asText()).isEqualTo("PERSONAL_DATA_ERASED");
    assertThat(erasure.get("from_status").asText()).isEqualTo(outcome);
    assertThat(erasure.get("to_status").asText()).isEqualTo(outcome);
    assertThat(instant(erasure, "at")).isEqualTo(OffsetDateTime.parse(erasedAt).toInstant());
  }

  @Test
  void unknownAndMalformedIdsAnswerAsTheStatusDoes() {
    var unknown = UUID.randomUUID();
    for (var suffix : List.of("", "/events")) {
      var notFound = api().get("/applications/" + unknown + suffix, REVIEWER);
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(readTree(notFound.body()))
          .isEqualTo(
              readTree(
                  "{\"error\":\"Not Found\",\"message\":\"No application with id "
                      + unknown
                      + "\"}"));

      var invalid = api().get("/applications/not-a-uuid" + suffix, REVIEWER);
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(readTree(invalid.body()))
          .isEqualTo(
              readTree(
                  "{\"error\":\"Validation Error\",\"details\":[{\"field\":\"application_id\","
                      + "\"message\":\"must be a UUID\"}]}"));
    }
  }

  private HttpResponse<String> view(UUID id) {
    var response = api().get("/applications/" + id, REVIEWER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    return response;
  }

  /** When the application was decided, created and last updated, as stored. */
  private List<Instant> stored(UUID id) {
    return jdbc.queryForObject(
        "SELECT decided_at, created_at, updated_at FROM applications WHERE id = ?",
        (row, index) ->
            List.of(
                row.getObject(1, OffsetDateTime.class).toInstant(),
                row.getObject(2, OffsetDateTime.class).toInstant(),
                row.getObject(3, OffsetDateTime.class).toInstant()),
        id);
  }

  private List<Instant> eventTimes(UUID id) {
    return jdbc.query(
        "SELECT created_at FROM application_events WHERE application_id = ? ORDER BY id",
        (row, index) -> row.getObject(1, OffsetDateTime.class).toInstant(),
        id);
  }

  private static Instant instant(JsonNode node, String field) {
    return OffsetDateTime.parse(node.get(field).asText()).toInstant();
  }

  private static JsonNode withoutTime(JsonNode event) {
    var copy = event.deepCopy();
    ((ObjectNode) copy).remove("at");
    return copy;
  }

  private static JsonNode event(
      String from,
      String to,
      String actor,
      String action,
      List<String> reasonCodes,
      String correlationId,
      String policyVersion) {
    var event = JSON.createObjectNode();
    event.put("from_status", from);
    event.put("to_status", to);
    event.put("actor", actor);
    event.put("action", action);
    var codes = event.putArray("reason_codes");
    reasonCodes.forEach(codes::add);
    event.putNull("note");
    event.put("correlation_id", correlationId);
    event.put("policy_version", policyVersion);
    return event;
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
