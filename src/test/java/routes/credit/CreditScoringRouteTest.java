package routes.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ConsumedRecord;
import fixtures.DeadLetterPayload;
import fixtures.DevelopmentKeys;
import fixtures.SubmittedMessage;
import fixtures.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import messages.DeadLetter;
import messages.InvalidMessageException;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import prequal.JsonReadLimits;
import prequal.KafkaTestClients;
import prequal.PrequalApplication;
import privacy.SealedField;
import privacy.SealedValueException;
import routes.RouteTest;

/**
 * The credit-scoring route with only the credit role running: the Kafka consumer is replaced by a
 * direct endpoint and the report's Kafka send by a mock, so the test sees exactly what the route
 * publishes and when it commits. Dead letters go to the real broker: the error handling is shared
 * by the consumer routes, outside the reach of advice.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prequal.roles=credit", "prequal.retry.delay-pattern=1:10;2:10"})
class CreditScoringRouteTest extends RouteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MeterRegistry meters;
  @LocalManagementPort int managementPort;

  @EndpointInject("mock:kafka")
  MockEndpoint kafka;

  private ConsumedRecord.Partition partition;

  @Override
  protected String routeId() {
    return "credit-scoring";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.replaceFromWith("direct:submitted");
    route.weaveById("publish-credit-reports").replace().to("mock:kafka");
  }

  @Test
  void onlyTheCreditRoleRoutesRun() {
    assertThat(camelContext.getRoute("credit-scoring")).isNotNull();
    assertThat(camelContext.getRoute("submit-application")).isNull();
    assertThat(camelContext.getRoute("outbox-relay")).isNull();
    assertThat(camelContext.getRoute("decision")).isNull();
  }

  @Test
  void publishesTheReportThenCommits() throws Exception {
    var id = UUID.randomUUID();
    kafka.expectedMessageCount(1);
    kafka.whenAnyExchangeReceived(exchange -> assertThat(partition.committed()).isEmpty());

    send(submitted(id, "ABCDE1234F", "75000.00", "PERSONAL"));

    kafka.assertIsSatisfied();
    var sent = reports(kafka.getReceivedExchanges().get(0));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getHeader(KafkaConstants.KEY)).isEqualTo(id.toString());
    var report = readTree(sent.get(0).getBody(String.class));
    assertThat(report.get("application_id").asText()).isEqualTo(id.toString());
    assertThat(report.get("cibil_score").asInt()).isEqualTo(790);
    assertThat(report.get("monthly_income_inr").asText()).isEqualTo("75000.00");
    assertThat(report.get("loan_amount_inr").asText()).isEqualTo("500000.00");
    assertThat(report.get("correlation_id").asText()).isEqualTo("corr-" + id);
    assertThat(report.has("pan_number")).isFalse();
    assertThat(sent.get(0).getBody(String.class)).doesNotContain("ABCDE1234F");
    assertThat(partition.committed()).containsExactly(42L);
  }

  /**
   * A batch publishes all its reports in one send, which waits for every acknowledgement; a poison
   * record among them is dead-lettered on its own, and the partition committed up to the last
   * record once.
   */
  @Test
  void batchPublishesEveryReportDeadLettersItsPoisonAndCommitsOnce() throws Exception {
    var first = UUID.randomUUID();
    var second = UUID.randomUUID();
    var poison = "{\"application_id\":\"" + UUID.randomUUID() + "\"";
    kafka.expectedMessageCount(1);

    send(
        submitted(first, "ABCDE1234F", "75000.00", "PERSONAL"),
        poison,
        submitted(second, "KLMNO9012P", "50000.00", "AUTO"));

    kafka.assertIsSatisfied();
    assertThat(reports(kafka.getReceivedExchanges().get(0)))
        .extracting(report -> report.getHeader(KafkaConstants.KEY))
        .containsExactly(first.toString(), second.toString());
    assertThat(JSON.readTree(deadLetter(poison).value()).get("original_offset").asLong())
        .isEqualTo(43);
    assertThat(partition.committed()).containsExactly(44L);
    assertThat(partition.rewoundTo()).isEmpty();
  }

  @Test
  void batchOfOnlyPoisonPublishesNothingAndCommits() throws Exception {
    send("null", "[1,2");

    deadLetter("null");
    deadLetter("[1,2");
    assertThat(kafka.getReceivedCounter()).isZero();
    assertThat(partition.committed()).containsExactly(43L);
  }

  @Test
  void submissionWhosePanWasSealedForAnotherApplicationIsDeadLetteredSealed() throws Exception {
    var id = UUID.randomUUID();
    var payload =
        SubmittedMessage.of(id)
            .sealedPan(
                DevelopmentKeys.CIPHER.seal(SealedField.panNumber(UUID.randomUUID()), "ABCDE1234F"))
            .toJson();

    send(payload);

    var record = deadLetter(payload);
    assertThat(errorClass(record)).isEqualTo(SealedValueException.class.getName());
    assertThat(JSON.readTree(record.value()).get("error_message").asText())
        .isEqualTo("pan_number was altered, or sealed for another field or application");
    assertThat(record.value()).doesNotContain(payload).doesNotContain("ABCDE1234F");
    assertThat(partition.committed()).containsExactly(42L);
  }

  @Test
  void redeliveredSubmissionScoresTheSame() throws Exception {
    var id = UUID.randomUUID();
    kafka.expectedMessageCount(2);

    send(submitted(id, "KLMNO9012P", "50000.00", "AUTO"));
    send(submitted(id, "KLMNO9012P", "50000.00", "AUTO"));

    kafka.assertIsSatisfied();
    var scores =
        kafka.getReceivedExchanges().stream()
            .map(e -> readTree(reports(e).get(0).getBody(String.class)).get("cibil_score").asInt())
            .toList();
    assertThat(scores.get(0)).isEqualTo(scores.get(1)).isBetween(645, 655);
    assertThat(partition.committed()).as("the second batch").containsExactly(42L);
  }

  @Test
  void unreadableSubmissionIsDeadLetteredWithItsOriginThenCommitted() throws Exception {
    var payload = "{\"application_id\":\"not-a-uuid-" + UUID.randomUUID() + "\"";

    send(payload);

    var record = deadLetter(payload);
    var deadLetter = JSON.readTree(record.value());
    assertThat(deadLetter.get("original_topic").asText()).isEqualTo(Topics.SUBMITTED);
    assertThat(deadLetter.get("original_partition").asInt()).isEqualTo(1);
    assertThat(deadLetter.get("original_offset").asLong()).isEqualTo(42);
    assertThat(deadLetter.get("error_message").asText()).isNotBlank();
    assertThat(deadLetter.get("retry_count").asInt()).isZero();
    assertThat(deadLetter.get("failed_at").asText()).endsWith("Z");
    assertThat(errorClass(record))
        .isEqualTo("com.fasterxml.jackson.databind.exc.InvalidFormatException");
    assertThat(partition.committed()).containsExactly(42L);
    assertThat(kafka.getReceivedCounter()).isZero();
  }

  @Test
  void submissionNestedBeyondTheJsonLimitsIsDeadLetteredNotRetried() throws Exception {
    var nested =
        "[".repeat(JsonReadLimits.MAX_NESTING_DEPTH) + "]".repeat(JsonReadLimits.MAX_NESTING_DEPTH);
    var payload = "{\"application_id\":\"" + UUID.randomUUID() + "\",\"extra\":" + nested + "}";

    send(payload);

    var record = deadLetter(payload);
    assertThat(JSON.readTree(record.value()).get("retry_count").asInt()).isZero();
    assertThat(errorClass(record))
        .isEqualTo("com.fasterxml.jackson.core.exc.StreamConstraintsException");
    assertThat(partition.committed()).containsExactly(42L);
  }

  @Test
  void submissionBreakingTheRulesIsDeadLettered() throws Exception {
    var id = UUID.randomUUID();
    var payload = submitted(id, "ABCDE1234F", "-5.00", "PERSONAL");

    send(payload);

    var deadLetter = JSON.readTree(deadLetter(payload).value());
    assertThat(deadLetter.get("error_message").asText())
        .contains("monthly_income_inr must be greater than 0");
    assertThat(partition.committed()).containsExactly(42L);
  }

  /** Found by CreditReportMessageFuzzTest: it read as no message, and was retried for ever. */
  @Test
  void recordHoldingJsonNullIsDeadLetteredNotRetried() throws Exception {
    send("null");

    var record = deadLetter("null");
    assertThat(errorClass(record)).isEqualTo(InvalidMessageException.class.getName());
    assertThat(JSON.readTree(record.value()).get("error_message").asText())
        .isEqualTo("the record holds no message");
    assertThat(partition.committed()).containsExactly(42L);
  }

  @Test
  void deadLettersAreCountedByRouteAndErrorClass() {
    var counter =
        meters.counter(
            "prequal.dead.letters",
            "route",
            "credit-scoring",
            "error_class",
            "com.fasterxml.jackson.core.io.JsonEOFException");
    var before = counter.count();
    var payload = "{\"application_id\":\"" + UUID.randomUUID() + "\"";

    send(payload);

    deadLetter(payload);
    assertThat(counter.count()).isEqualTo(before + 1);
  }

  @Test
  void creditRoleReportsNeitherTheDatabaseNorTheOtherRolesMetrics() throws Exception {
    var health = JSON.readTree(get("/actuator/health"));
    var readiness = JSON.readTree(get("/actuator/health/readiness"));

    assertThat(health.get("components").has("db")).isFalse();
    assertThat(health.get("components").has("camelHealth")).isTrue();
    assertThat(readiness.get("components").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("readinessState", "camelReadinessState");
    var scrape = get("/actuator/prometheus");
    assertThat(scrape)
        .contains("camel_exchanges_total")
        .doesNotContain("prequal_decisions_total")
        .doesNotContain("prequal_outbox_backlog");
  }

  private String get(String path) throws IOException, InterruptedException {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static String errorClass(ConsumerRecord<String, String> deadLetter) {
    return new String(
        deadLetter.headers().lastHeader(DeadLetter.ERROR_CLASS_HEADER).value(),
        StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<String, String> deadLetter(String payload) {
    return KafkaTestClients.awaitRecord(
        Topics.DEAD_LETTER,
        record -> DeadLetterPayload.of(record.value()).equals(payload),
        Duration.ofSeconds(20));
  }

  /** Redelivered in place, then given up: rewound to the batch's first record, not committed. */
  @Test
  void transientFailureIsRetriedThenRewoundUncommitted() {
    kafka.expectedMessageCount(3);
    kafka.whenAnyExchangeReceived(
        exchange -> {
          throw new IOException("broker unreachable");
        });

    send(
        submitted(UUID.randomUUID(), "ABCDE1234F", "75000.00", "HOME"),
        submitted(UUID.randomUUID(), "KLMNO9012P", "50000.00", "AUTO"));

    assertThat(kafka.getReceivedCounter()).isEqualTo(3);
    assertThat(partition.committed()).isEmpty();
    assertThat(partition.rewoundTo()).containsExactly(42L);
  }

  private void send(String... values) {
    partition = new ConsumedRecord.Partition(Topics.SUBMITTED, 42);
    producer.sendBody("direct:submitted", partition.batch(camelContext, values));
  }

  @SuppressWarnings("unchecked")
  private static List<Message> reports(Exchange sent) {
    return sent.getMessage().getBody(List.class);
  }

  private static String submitted(UUID id, String pan, String income, String type) {
    return SubmittedMessage.of(id).pan(pan).income(income).loanType(type).toJson();
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
