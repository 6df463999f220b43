package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.ApplicationRow;
import fixtures.DevelopmentKeys;
import fixtures.OutboxRow;
import fixtures.SubmittedMessage;
import fixtures.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import privacy.SealedField;

/**
 * PAN and name protected end to end, on the running service: sealed in the database, never in plain
 * text in the outbox or on a topic, erased on request and at the end of retention, and re-sealed
 * from the plain text a version 1 database holds.
 */
class PersonalDataIT extends EndToEndTest {

  private static final String PAN = "PQRSV1357W";
  private static final String NAME = "Meera Iyer";
  private static final Map<String, String> OPERATOR =
      Map.of("Authorization", "Bearer " + OPERATOR_TOKEN);

  @Test
  void theApplicationIsStoredSealedAndNoMessageCarriesThePanInPlainText() {
    var id = submit(application(PAN, NAME, "90000", "500000", "HOME"));
    awaitDecision(id);

    var row =
        jdbc.queryForMap(
            "SELECT pan_number, applicant_name, pan_number_sealed, applicant_name_sealed,"
                + " pan_lookup FROM applications WHERE id = ?",
            id);
    assertThat(row.get("pan_number")).isNull();
    assertThat(row.get("applicant_name")).isNull();
    assertThat((String) row.get("pan_number_sealed")).startsWith(DevelopmentKeys.KEY_ID + ":");
    assertThat(
            DevelopmentKeys.CIPHER.open(
                SealedField.panNumber(id), (String) row.get("pan_number_sealed")))
        .isEqualTo(PAN);
    assertThat(
            DevelopmentKeys.CIPHER.open(
                SealedField.applicantName(id), (String) row.get("applicant_name_sealed")))
        .isEqualTo(NAME);
    assertThat(row.get("pan_lookup")).isEqualTo(DevelopmentKeys.KEYED_HASH.ofPan(PAN));
    assertThat(
            jdbc.queryForList(
                "SELECT payload FROM outbox WHERE topic = '"
                    + Topics.SUBMITTED
                    + "' AND message_key = ?",
                String.class,
                id.toString()))
        .isNotEmpty()
        .allSatisfy(payload -> assertThat(payload).doesNotContain(PAN).doesNotContain(NAME));
    var submitted =
        KafkaTestClients.awaitRecord(
            Topics.SUBMITTED, record -> id.toString().equals(record.key()), Duration.ofSeconds(10));
    var report =
        KafkaTestClients.awaitRecord(
            Topics.CREDIT_REPORTS,
            record -> id.toString().equals(record.key()),
            Duration.ofSeconds(10));
    assertThat(submitted.value()).doesNotContain(PAN).doesNotContain(NAME);
    assertThat(report.value()).doesNotContain(PAN).doesNotContain(NAME).doesNotContain("pan_");
  }

  @Test
  void anOperatorErasesTheApplicantAndTheDecisionAndItsTrailStay() {
    var id = submit(application(PAN, NAME, "90000", "500000", "HOME"));
    var outcome = awaitDecision(id);

    var erased = api().delete("/applications/" + id, OPERATOR);

    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    var answer = readTree(erased.body());
    assertThat(answer.get("application_id").asText()).isEqualTo(id.toString());
    assertThat(answer.get("status").asText()).isEqualTo(outcome);
    var row =
        jdbc.queryForMap(
            "SELECT pan_number_sealed, applicant_name_sealed, pan_lookup, status, cibil_score,"
                + " loan_amount_inr, personal_data_erased_at FROM applications WHERE id = ?",
            id);
    assertThat(row.get("pan_number_sealed")).isNull();
    assertThat(row.get("applicant_name_sealed")).isNull();
    assertThat(row.get("pan_lookup")).isNull();
    assertThat(row.get("status")).isEqualTo(outcome);
    assertThat(row.get("cibil_score")).isNotNull();
    assertThat(row.get("loan_amount_inr")).isNotNull();
    assertThat(row.get("personal_data_erased_at")).isNotNull();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE topic = '"
                    + Topics.SUBMITTED
                    + "' AND message_key = ?",
                Integer.class,
                id.toString()))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE topic = ? AND message_key = ?",
                Integer.class,
                Topics.DECISIONS,
                id.toString()))
        .as("the decision event holds no personal data and stays")
        .isEqualTo(1);
    assertThat(
            jdbc.queryForList(
                "SELECT coalesce(action, to_status) FROM application_events"
                    + " WHERE application_id = ? ORDER BY id",
                String.class,
                id))
        .containsExactly("PENDING", outcome, "PERSONAL_DATA_ERASED");
    assertThat(status(id)).isEqualTo(outcome);
    assertThat(decisionEvents(id)).isEqualTo(1);

    var again = api().delete("/applications/" + id, OPERATOR);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(readTree(again.body())).isEqualTo(answer);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM application_events WHERE application_id = ? AND action IS NOT NULL",
                Integer.class,
                id))
        .isEqualTo(1);
  }

  @Test
  void erasureWaitsForTheDecisionAndNeedsTheOperator() {
    var pending = ApplicationRow.pending(UUID.randomUUID()).insert(jdbc);

    var whilePending = api().delete("/applications/" + pending, OPERATOR);
    var unknown = api().delete("/applications/" + UUID.randomUUID(), OPERATOR);
    var notAnId = api().delete("/applications/not-a-uuid", OPERATOR);
    var anonymous = api().delete("/applications/" + pending, Map.of());

    assertThat(whilePending.statusCode()).isEqualTo(409);
    assertThat(readTree(whilePending.body()).get("message").asText())
        .isEqualTo("Application " + pending + " is still PENDING; erase it once it is decided");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(notAnId.statusCode()).isEqualTo(422);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(
            jdbc.queryForObject(
                "SELECT pan_number_sealed IS NOT NULL FROM applications WHERE id = ?",
                Boolean.class,
                pending))
        .isTrue();
    jdbc.update("DELETE FROM applications WHERE id = ?", pending);
  }

  @Test
  void retentionErasesDecidedApplicationsPastItButNoneStillPendingOrYounger() {
    var expired = ApplicationRow.pending(UUID.randomUUID()).age(Duration.ofDays(181)).insert(jdbc);
    var young = ApplicationRow.pending(UUID.randomUUID()).age(Duration.ofDays(179)).insert(jdbc);
    var stillPending =
        ApplicationRow.pending(UUID.randomUUID()).age(Duration.ofDays(181)).insert(jdbc);
    for (var id : new UUID[] {expired, young}) {
      jdbc.update("UPDATE applications SET status = 'REJECTED' WHERE id = ?", id);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> erasedAt(expired) != null);

    assertThat(erasedAt(young)).isNull();
    assertThat(erasedAt(stillPending)).isNull();
    assertThat(status(expired)).isEqualTo("REJECTED");
    assertThat(
            jdbc.queryForObject(
                "SELECT action FROM application_events WHERE application_id = ?",
                String.class,
                expired))
        .isEqualTo("PERSONAL_DATA_ERASED");
    jdbc.update("DELETE FROM applications WHERE id = ?", stillPending);
  }

  @Test
  void whatVersion1StoredInPlainTextIsSealedAndItsOutboxMessageRewritten() {
    var id = UUID.randomUUID();
    ApplicationRow.pending(id).pan(PAN).name(NAME).inPlainText().insert(jdbc);
    var version1 =
        "{\"application_id\":\""
            + id
            + "\",\"pan_number\":\""
            + PAN
            + "\",\"applicant_name\":\""
            + NAME
            + "\",\"monthly_income_inr\":\"90000.00\",\"loan_amount_inr\":\"500000.00\","
            + "\"loan_type\":\"HOME\",\"timestamp\":\"2026-11-28T10:00:00Z\","
            + "\"correlation_id\":\"corr-"
            + id
            + "\"}";
    OutboxRow.submitted(id, SubmittedMessage.of(id))
        .publishedAgo(Duration.ofMinutes(1))
        .insert(jdbc);
    jdbc.update("UPDATE outbox SET payload = ? WHERE message_key = ?", version1, id.toString());

    var resealed = api().post("/admin/personal-data/reseal", null, null, OPERATOR);

    assertThat(resealed.statusCode()).as(resealed.body()).isEqualTo(200);
    assertThat(readTree(resealed.body()).get("resealed").asInt()).isPositive();
    var row =
        jdbc.queryForMap(
            "SELECT pan_number, applicant_name, pan_number_sealed, applicant_name_sealed,"
                + " pan_lookup FROM applications WHERE id = ?",
            id);
    assertThat(row.get("pan_number")).isNull();
    assertThat(row.get("applicant_name")).isNull();
    assertThat(
            DevelopmentKeys.CIPHER.open(
                SealedField.panNumber(id), (String) row.get("pan_number_sealed")))
        .isEqualTo(PAN);
    assertThat(
            DevelopmentKeys.CIPHER.open(
                SealedField.applicantName(id), (String) row.get("applicant_name_sealed")))
        .isEqualTo(NAME);
    assertThat(row.get("pan_lookup")).isEqualTo(DevelopmentKeys.KEYED_HASH.ofPan(PAN));
    var payload =
        readTree(
            jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE topic = '"
                    + Topics.SUBMITTED
                    + "' AND message_key = ?",
                String.class,
                id.toString()));
    assertThat(payload.has("pan_number")).isFalse();
    assertThat(payload.has("applicant_name")).isFalse();
    assertThat(
            DevelopmentKeys.CIPHER.open(
                SealedField.panNumber(id), payload.get("pan_number_sealed").asText()))
        .isEqualTo(PAN);
    assertThat(payload.get("loan_amount_inr").asText()).isEqualTo("500000.00");
    var again = api().post("/admin/personal-data/reseal", null, null, OPERATOR);
    assertThat(readTree(again.body()).get("resealed").asInt()).isZero();
  }

  private Object erasedAt(UUID id) {
    return jdbc.queryForObject(
        "SELECT personal_data_erased_at FROM applications WHERE id = ?", Object.class, id);
  }
}
