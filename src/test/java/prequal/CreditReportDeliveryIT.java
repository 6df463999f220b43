package prequal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import fixtures.ApplicationRow;
import fixtures.CreditReportMessage;
import fixtures.DeadLetterPayload;
import fixtures.Topics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import messages.CorrelationId;
import messages.CreditReport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import resilience.CircuitBreakers;
import routes.shared.ConsumedBatch;

/**
 * Credit reports as the decision route meets them: duplicated, redelivered, concurrent, about an
 * application that does not exist, with amounts other than the stored ones, or carrying data the
 * database refuses.
 */
class CreditReportDeliveryIT extends EndToEndTest {

  @Test
  void concurrentDuplicateReportsChangeTheApplicationOnce() throws Exception {
    var id = pendingApplication();
    var processed = reportsProcessed(id, 3);

    try (var producer = KafkaTestClients.producer()) {
      // One copy per partition: the three decision consumers handle them at the same time.
      var sends = new ArrayList<Future<RecordMetadata>>();
      for (int partition = 0; partition < 3; partition++) {
        sends.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.CREDIT_REPORTS, partition, id.toString(), report(id, 700))));
      }
      // All three are in flight before the first is awaited, and a failed send fails here
      // rather than as a timeout below.
      for (var send : sends) {
        send.get();
      }
    }

    assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
    assertThat(status(id)).isEqualTo("PRE_APPROVED");
    assertThat(decisionEvents(id)).isEqualTo(1);
  }

  @Test
  void lateDuplicateChangesNothingNotEvenUpdatedAt() throws Exception {
    var id = pendingApplication();
    try (var producer = KafkaTestClients.producer()) {
      var first = reportsProcessed(id, 1);
      producer
          .send(new ProducerRecord<>(Topics.CREDIT_REPORTS, id.toString(), report(id, 700)))
          .get();
      assertThat(first.matches(20, TimeUnit.SECONDS)).isTrue();
      var decidedAt = updatedAt(id);

      var duplicate = reportsProcessed(id, 1);
      producer
          .send(new ProducerRecord<>(Topics.CREDIT_REPORTS, id.toString(), report(id, 600)))
          .get();
      assertThat(duplicate.matches(20, TimeUnit.SECONDS)).isTrue();

      assertThat(status(id)).isEqualTo("PRE_APPROVED");
      assertThat(updatedAt(id)).isEqualTo(decidedAt);
      assertThat(decisionEvents(id)).isEqualTo(1);
    }
  }

  @Test
  void reportForAnUnknownApplicationIsDeadLettered() throws Exception {
    var id = UUID.randomUUID();
    try (var producer = KafkaTestClients.producer()) {
      producer
          .send(new ProducerRecord<>(Topics.CREDIT_REPORTS, id.toString(), report(id, 700)))
          .get();
    }

    var deadLetter =
        KafkaTestClients.awaitRecord(
            Topics.DEAD_LETTER,
            record -> id.toString().equals(record.key()),
            Duration.ofSeconds(20));

    var json = readTree(deadLetter.value());
    assertThat(json.get("original_topic").asText()).isEqualTo(Topics.CREDIT_REPORTS);
    assertThat(json.get("error_message").asText()).isEqualTo("No application " + id);
    assertThat(readTree(DeadLetterPayload.of(json)).get("application_id").asText())
        .isEqualTo(id.toString());
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM applications WHERE id = ?", Integer.class, id))
        .isZero();
  }

  /** The report's own amounts would decide the other way: only the stored ones may count. */
  @ParameterizedTest(name = "stored income {0}, loan {1}; reported income {2}, loan {3}: {4}")
  @CsvSource({
    "10000.00, 480000.00, 90000.00, 480000.00, MANUAL_REVIEW",
    "10000.01, 480000.00, 10000.00, 480000.00, PRE_APPROVED",
  })
  void decisionTakesTheAmountsFromTheStoredApplication(
      String storedIncome,
      String storedLoan,
      String reportedIncome,
      String reportedLoan,
      String outcome)
      throws Exception {
    var id =
        ApplicationRow.pending(UUID.randomUUID())
            .income(storedIncome)
            .loan(storedLoan)
            .insert(jdbc);
    var processed = reportsProcessed(id, 1);

    try (var producer = KafkaTestClients.producer()) {
      var report =
          CreditReportMessage.of(id).score(700).income(reportedIncome).loan(reportedLoan).toJson();
      producer.send(new ProducerRecord<>(Topics.CREDIT_REPORTS, id.toString(), report)).get();
    }

    assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
    assertThat(status(id)).isEqualTo(outcome);
    assertThat(decisionEvents(id)).isEqualTo(1);
  }

  /**
   * The safety net beneath the message rules, against the real database: a constraint the rules do
   * not know, standing for a schema rule added later, refuses the report's correlation id (SQLState
   * 23514). The report is dead-lettered, the application left as it was, and the breaker counts
   * nothing.
   */
  @Test
  void reportTheDatabaseRefusesIsDeadLetteredAndNotCountedByTheBreaker() throws Exception {
    var id = pendingApplication();
    var breaker =
        camelContext
            .getProcessor(CircuitBreakers.DECISION_DATABASE, ResilienceProcessor.class)
            .getCircuitBreaker();
    var failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
    jdbc.execute(
        "ALTER TABLE application_events ADD CONSTRAINT refuses_the_test_report"
            + " CHECK (correlation_id IS DISTINCT FROM 'refused-by-the-database')");
    try {
      try (var producer = KafkaTestClients.producer()) {
        var report = CreditReportMessage.of(id).correlationId("refused-by-the-database").toJson();
        producer.send(new ProducerRecord<>(Topics.CREDIT_REPORTS, id.toString(), report)).get();
      }

      var deadLetter =
          KafkaTestClients.awaitRecord(
              Topics.DEAD_LETTER,
              record -> id.toString().equals(record.key()),
              Duration.ofSeconds(20));

      assertThat(new String(deadLetter.headers().lastHeader("error_class").value(), UTF_8))
          .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
      assertThat(readTree(deadLetter.value()).get("error_message").asText())
          .contains("refuses_the_test_report");
    } finally {
      jdbc.execute("ALTER TABLE application_events DROP CONSTRAINT refuses_the_test_report");
    }
    assertThat(status(id)).isEqualTo("PENDING");
    assertThat(decisionEvents(id)).isZero();
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  /** The message rules hold a correlation id to the width of the columns it is written to. */
  @Test
  void correlationIdRuleMatchesTheColumnsItIsWrittenTo() {
    assertThat(
            jdbc.queryForList(
                "SELECT character_maximum_length FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND column_name = 'correlation_id'",
                Integer.class))
        .hasSize(2)
        .containsOnly(CorrelationId.MAX_LENGTH);
  }

  private NotifyBuilder reportsProcessed(UUID id, int count) {
    return new NotifyBuilder(camelContext)
        .fromRoute("decision")
        .filter(exchange -> batchHoldsReportFor(exchange, id))
        .whenDone(count)
        .create();
  }

  /** Whether the batch the decision route worked held a report for the application. */
  private static boolean batchHoldsReportFor(Exchange batch, UUID id) {
    ConsumedBatch<CreditReport> reports = ConsumedBatch.of(batch);
    return reports != null
        && reports.messages().stream()
            .anyMatch(consumed -> consumed.message().applicationId().equals(id));
  }

  /** An application stored as the API stores it, but whose report the test sends itself. */
  private UUID pendingApplication() {
    return ApplicationRow.pending(UUID.randomUUID()).insert(jdbc);
  }

  private static String report(UUID id, int score) {
    return CreditReportMessage.of(id).score(score).correlationId("duplicate-test").toJson();
  }

  private Timestamp updatedAt(UUID id) {
    return jdbc.queryForObject(
        "SELECT updated_at FROM applications WHERE id = ?", Timestamp.class, id);
  }
}
