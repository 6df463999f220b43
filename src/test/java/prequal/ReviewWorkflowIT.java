package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.StaffJwts;
import fixtures.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The manual-review workflow against the real broker and database: a MANUAL_REVIEW decision creates
 * its task, reviewers claim and decide it, a large approval takes a second reviewer, a race has one
 * winner, a lapsed claim can be taken over, and an overdue task is escalated, never decided.
 */
class ReviewWorkflowIT extends EndToEndTest {

  private static final String REVIEWER_1 = "reviewer-1";
  private static final String REVIEWER_2 = "reviewer-2";

  @Test
  void aReferralCreatesItsTaskAndAnnouncesIt() {
    var id = referred("480000.00");

    var task =
        jdbc.queryForMap(
            "SELECT t.id, t.state, t.due_at, a.decided_at FROM review_tasks t"
                + " JOIN applications a ON a.id = t.application_id WHERE t.application_id = ?",
            id);
    assertThat(task).containsEntry("state", "open");
    assertThat(
            Duration.between(
                ((java.sql.Timestamp) task.get("decided_at")).toInstant(),
                ((java.sql.Timestamp) task.get("due_at")).toInstant()))
        .isEqualTo(Duration.ofHours(24));
    var event = decisionEvent(id, "REFERRED_TO_REVIEW");
    assertThat(event.get("outcome").asText()).isEqualTo("MANUAL_REVIEW");
    assertThat(event.get("review_id").asText()).isEqualTo(task.get("id").toString());
    assertThat(event.get("decided_by").asText()).isEqualTo("system");
    assertThat(event.get("reason_codes").get(0).asText())
        .isEqualTo("INCOME_NOT_ABOVE_INSTALMENT_PROXY");
  }

  @Test
  void aReviewerClaimsAndRejectsWithReasons() {
    var id = referred("480000.00");
    var review = reviewOf(id);

    assertThat(queue(REVIEWER_1, "?state=open")).contains(review);
    var claimed = call(REVIEWER_1, review, "claim", null);
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    assertThat(readTree(claimed.body()).get("claimed_by").asText()).isEqualTo(REVIEWER_1);
    assertThat(call(REVIEWER_2, review, "claim", null).statusCode()).isEqualTo(409);
    assertThat(call(REVIEWER_2, review, "decision", rejection()).statusCode()).isEqualTo(409);
    var withoutReason = call(REVIEWER_1, review, "decision", "{\"outcome\":\"REJECTED\"}");
    assertThat(withoutReason.statusCode()).isEqualTo(422);
    assertThat(withoutReason.body()).contains("a rejection needs at least one reason code");

    var decided = call(REVIEWER_1, review, "decision", rejection());

    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(readTree(decided.body()).get("state").asText()).isEqualTo("done");
    assertThat(status(id)).isEqualTo("REJECTED");
    var told = readTree(api().get("/applications/" + id + "/status").body());
    assertThat(told.get("reasons").get(0).get("code").asText())
        .isEqualTo("REPAYMENT_CAPACITY_INSUFFICIENT");
    assertThat(
            jdbc.queryForObject(
                "SELECT decided_by FROM applications WHERE id = ?", String.class, id))
        .isEqualTo(REVIEWER_1);
    assertThat(actions(id))
        .containsExactly(
            "null/PENDING/null",
            "PENDING/MANUAL_REVIEW/system",
            "REVIEW_CLAIMED/MANUAL_REVIEW/reviewer-1",
            "REVIEW_DECIDED/REJECTED/reviewer-1");
    assertThat(
            jdbc.queryForObject(
                "SELECT note FROM application_events WHERE application_id = ?"
                    + " AND action = 'REVIEW_DECIDED'",
                String.class,
                id))
        .isEqualTo("Salary slips show less than declared.");
    var event = decisionEvent(id, "DECIDED");
    assertThat(event.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(event.get("decided_by").asText()).isEqualTo(REVIEWER_1);
    assertThat(call(REVIEWER_1, review, "decision", rejection()).statusCode())
        .as("a task is decided once")
        .isEqualTo(409);
  }

  @Test
  void aLargeApprovalWaitsForASecondReviewer() {
    var id = referred("2400000.00");
    var review = reviewOf(id);
    assertThat(call(REVIEWER_1, review, "claim", null).statusCode()).isEqualTo(200);

    var proposed = call(REVIEWER_1, review, "decision", approval());

    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(200);
    assertThat(readTree(proposed.body()).get("state").asText()).isEqualTo("awaiting_confirmation");
    assertThat(status(id)).isEqualTo("MANUAL_REVIEW");
    assertThat(call(REVIEWER_1, review, "confirmation", null).statusCode()).isEqualTo(403);
    assertThat(status(id)).isEqualTo("MANUAL_REVIEW");

    var confirmed = call(REVIEWER_2, review, "confirmation", null);

    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("PRE_APPROVED");
    assertThat(
            jdbc.queryForObject(
                "SELECT decided_by FROM applications WHERE id = ?", String.class, id))
        .isEqualTo(REVIEWER_1);
    assertThat(actions(id))
        .endsWith(
            "REVIEW_CLAIMED/MANUAL_REVIEW/reviewer-1",
            "REVIEW_PROPOSED/MANUAL_REVIEW/reviewer-1",
            "REVIEW_CONFIRMED/PRE_APPROVED/reviewer-2");
    assertThat(decisionEvent(id, "DECIDED").get("reason_codes").get(0).asText())
        .isEqualTo("INCOME_VERIFIED");
    assertThat(call(REVIEWER_2, review, "confirmation", null).statusCode()).isEqualTo(409);
  }

  @Test
  void anApprovalAtTheFourEyesAmountTakesOneReviewer() {
    var id = referredWithIncome("20000.00", "1000000.00");
    var review = reviewOf(id);
    assertThat(call(REVIEWER_1, review, "claim", null).statusCode()).isEqualTo(200);

    assertThat(call(REVIEWER_1, review, "decision", approval()).statusCode()).isEqualTo(200);

    assertThat(status(id)).isEqualTo("PRE_APPROVED");
  }

  @Test
  void ofTwoReviewersRacingForATaskExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      var review = reviewOf(referred("480000.00"));
      var barrier = new CyclicBarrier(2);
      var claims = new ArrayList<CompletableFuture<Integer>>();
      for (var reviewer : List.of(REVIEWER_1, REVIEWER_2)) {
        claims.add(
            CompletableFuture.supplyAsync(
                () -> {
                  arrive(barrier);
                  return call(reviewer, review, "claim", null).statusCode();
                }));
      }

      assertThat(claims.stream().map(CompletableFuture::join).toList())
          .containsExactlyInAnyOrder(200, 409);
    }
  }

  @Test
  void aLapsedClaimCanBeTakenOverAndItsHolderNoLongerDecides() {
    var id = referred("480000.00");
    var review = reviewOf(id);
    assertThat(call(REVIEWER_1, review, "claim", null).statusCode()).isEqualTo(200);
    jdbc.update(
        "UPDATE review_tasks SET claimed_until = now() - interval '1 second' WHERE id = ?", review);

    assertThat(queue(REVIEWER_2, "?state=open")).contains(review);
    assertThat(call(REVIEWER_1, review, "decision", rejection()).statusCode()).isEqualTo(409);
    assertThat(call(REVIEWER_2, review, "claim", null).statusCode()).isEqualTo(200);
    assertThat(call(REVIEWER_1, review, "decision", rejection()).statusCode()).isEqualTo(409);
    assertThat(call(REVIEWER_2, review, "decision", rejection()).statusCode()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("REJECTED");
  }

  @Test
  void anOverdueTaskIsEscalatedOnceAndComesFirstButIsNeverDecided() {
    var id = referred("480000.00");
    var review = reviewOf(id);
    jdbc.update("UPDATE review_tasks SET due_at = now() - interval '3 days' WHERE id = ?", review);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM review_tasks WHERE id = ? AND escalated_at IS NOT NULL",
                        Integer.class,
                        review)
                    == 1);

    assertThat(queue(REVIEWER_1, "?overdue=true").get(0)).isEqualTo(review);
    assertThat(queue(REVIEWER_1, "").get(0)).isEqualTo(review);
    var event = decisionEvent(id, "REVIEW_OVERDUE");
    assertThat(event.get("review_id").asText()).isEqualTo(review.toString());
    assertThat(event.get("outcome").asText()).isEqualTo("MANUAL_REVIEW");
    assertThat(status(id)).isEqualTo("MANUAL_REVIEW");
    assertThat(actions(id)).containsOnlyOnce("REVIEW_ESCALATED/MANUAL_REVIEW/system");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(management().get("/actuator/prometheus", Map.of()).body())
                    .containsPattern("prequal_reviews_overdue\\{[^}]*\\} [1-9]"));
  }

  @Test
  void theQueueAndEveryStepNeedAReviewer() {
    var review = reviewOf(referred("480000.00"));

    assertThat(api().get("/reviews").statusCode()).isEqualTo(401);
    assertThat(api().post("/reviews/" + review + "/claim", "application/json", null).statusCode())
        .isEqualTo(401);
    assertThat(
            api()
                .get("/reviews", Map.of("Authorization", basic("reviewer-1", "wrong")))
                .statusCode())
        .isEqualTo(401);
  }

  /** A MANUAL_REVIEW application: score 790, income 10,000, not above the loan / 48. */
  private UUID referred(String loan) {
    return referredWithIncome("10000.00", loan);
  }

  private UUID referredWithIncome(String income, String loan) {
    var id = submit(application("ABCDE1234F", "Rajesh Kumar", income, loan, "HOME"));
    assertThat(awaitDecision(id)).isEqualTo("MANUAL_REVIEW");
    return id;
  }

  private UUID reviewOf(UUID applicationId) {
    return jdbc.queryForObject(
        "SELECT id FROM review_tasks WHERE application_id = ?", UUID.class, applicationId);
  }

  private List<UUID> queue(String reviewer, String query) {
    var response = api().get("/reviews" + query, Map.of("Authorization", bearer(reviewer)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var ids = new ArrayList<UUID>();
    readTree(response.body())
        .get("reviews")
        .forEach(task -> ids.add(UUID.fromString(task.get("review_id").asText())));
    return ids;
  }

  private HttpResponse<String> call(String reviewer, UUID review, String step, String body) {
    return api()
        .post(
            "/reviews/" + review + "/" + step,
            "application/json",
            body,
            Map.of("Authorization", bearer(reviewer)));
  }

  /** {@code action/to_status/actor} of each audit event, oldest first. */
  private List<String> actions(UUID id) {
    return jdbc.queryForList(
        "SELECT coalesce(action, from_status, 'null') || '/' || to_status || '/'"
            + " || coalesce(actor, 'null') FROM application_events"
            + " WHERE application_id = ? ORDER BY id",
        String.class,
        id);
  }

  private static JsonNode decisionEvent(UUID id, String type) {
    var record =
        KafkaTestClients.awaitRecord(
            Topics.DECISIONS,
            candidate ->
                id.toString().equals(candidate.key())
                    && readTree(candidate.value()).get("event_type").asText().equals(type),
            Duration.ofSeconds(15));
    return readTree(record.value());
  }

  private static String rejection() {
    return "{\"outcome\":\"REJECTED\",\"reason_codes\":[\"REPAYMENT_CAPACITY_INSUFFICIENT\"],"
        + "\"note\":\"Salary slips show less than declared.\"}";
  }

  private static String approval() {
    return "{\"outcome\":\"PRE_APPROVED\",\"reason_codes\":[\"INCOME_VERIFIED\"]}";
  }

  private static String bearer(String reviewer) {
    return "Bearer " + StaffJwts.reviewer(reviewer).compact();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void arrive(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
