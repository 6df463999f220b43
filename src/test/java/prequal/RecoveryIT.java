package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The operator's and the service's own ways back from a message or an application gone astray. */
class RecoveryIT extends EndToEndTest {

  @Autowired MeterRegistry meterRegistry;

  @Test
  void applicationStuckInPendingIsPublishedAgainAndDecided() {
    var id = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr, loan_type, created_at)"
            + " VALUES (?, 'ABCDE1234F', 'Rajesh Kumar', 250000.00, 500000.00, 'PERSONAL', now() - interval '1 hour')",
        id);
    // Its event was published an hour ago and then lost somewhere downstream.
    jdbc.update(
        "INSERT INTO outbox (topic, message_key, payload, correlation_id, created_at, published_at)"
            + " VALUES ('loan_applications_submitted', ?, ?, 'stuck-1', now() - interval '1 hour', now() - interval '1 hour')",
        id.toString(),
        submittedEvent(id));
    var before = meterRegistry.counter("prequal.applications.redriven").count();

    assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
    assertThat(meterRegistry.counter("prequal.applications.redriven").count())
        .isGreaterThan(before);
    assertThat(decisionEvents(id)).isEqualTo(1);
  }

  @Test
  void oldestPendingAgeIsMeasured() {
    var id = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr, loan_type, created_at)"
            + " VALUES (?, 'KLMNO9012P', 'Asha Verma', 90000.00, 500000.00, 'HOME', now() - interval '2 days')",
        id);
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  meterRegistry.get("prequal.applications.pending.oldest.age").gauge().value()
                      >= 2 * 86400);
    } finally {
      jdbc.update("DELETE FROM applications WHERE id = ?", id);
    }
  }

  @Test
  void redriveRequiresTheOperatorToken() {
    var anonymous = api().post("/admin/dead-letters/redrive", null, null);
    var wrong =
        api()
            .post(
                "/admin/dead-letters/redrive", null, null, Map.of("Authorization", "Bearer guess"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void deadLetterIsSentBackOnceTheCauseIsFixed() throws Exception {
    var id = UUID.randomUUID();
    try (var producer = KafkaTestClients.producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  "credit_reports_generated", id.toString(), creditReport(id, 720, "redrive-1")))
          .get();
    }
    KafkaTestClients.awaitRecord(
        "loan_application_dlq",
        record -> id.toString().equals(record.key()),
        Duration.ofSeconds(20));
    // The cause: the report arrived before its application existed. The operator restores it.
    jdbc.update(
        "INSERT INTO applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr, loan_type)"
            + " VALUES (?, 'KLMNO9012P', 'Asha Verma', 90000.00, 500000.00, 'HOME')",
        id);

    var response =
        api()
            .post(
                "/admin/dead-letters/redrive",
                null,
                null,
                Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(readTree(response.body()).get("moved").asInt()).isPositive();
    assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
    assertThat(decisionEvents(id)).isEqualTo(1);
  }

  private static String submittedEvent(UUID id) {
    var event = JSON.createObjectNode();
    event.put("application_id", id.toString());
    event.put("pan_number", "ABCDE1234F");
    event.put("applicant_name", "Rajesh Kumar");
    event.put("monthly_income_inr", "250000.00");
    event.put("loan_amount_inr", "500000.00");
    event.put("loan_type", "PERSONAL");
    event.put("timestamp", "2026-11-28T09:00:00Z");
    event.put("correlation_id", "stuck-1");
    return event.toString();
  }
}
