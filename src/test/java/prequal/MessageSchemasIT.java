package prequal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import fixtures.CreditReportMessage;
import fixtures.MessageSchemas;
import fixtures.SubmittedMessage;
import fixtures.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the flow publishes, held to the AsyncAPI document ({@code asyncapi/prequal-events.yaml}):
 * each record's value, headers and key against its channel's message, as another service reading
 * the topics would rely on them.
 */
class MessageSchemasIT extends EndToEndTest {

  private static final MessageSchemas SCHEMAS = MessageSchemas.load();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void everyMessageTheFlowPublishesMatchesTheDocument() throws Exception {
    var preApproved =
        submit(application("ABCDE1234F", "Rajesh Kumar", "250000.00", "500000.00", "PERSONAL"));
    var rejected = submit(application("FGHIJ5678K", "Asha Verma", "75000.00", "500000.00", "AUTO"));
    var manualReview =
        submit(application("ABCDE1234F", "राजेश कुमार", "10000.00", "480000.00", "HOME"));
    // Poison for each consumer: credit-service gets a plain PAN and a record that is not JSON,
    // decision-service a report about an application that does not exist.
    var plainPan = UUID.randomUUID();
    var notJson = UUID.randomUUID();
    var unknownApplication = UUID.randomUUID();
    try (var producer = KafkaTestClients.producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.SUBMITTED,
                  plainPan.toString(),
                  SubmittedMessage.of(plainPan).sealedPan("ABCDE1234F").toJson()))
          .get();
      producer.send(new ProducerRecord<>(Topics.SUBMITTED, notJson.toString(), "{not json")).get();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CREDIT_REPORTS,
                  unknownApplication.toString(),
                  CreditReportMessage.of(unknownApplication).toJson()))
          .get();
    }

    assertThat(awaitDecision(preApproved)).isEqualTo("PRE_APPROVED");
    assertThat(awaitDecision(rejected)).isEqualTo("REJECTED");
    assertThat(awaitDecision(manualReview)).isEqualTo("MANUAL_REVIEW");
    var decided = keys(preApproved, rejected, manualReview);
    var poison = keys(plainPan, notJson, unknownApplication);
    var deadLetters = KafkaTestClients.awaitRecords(Topics.DEAD_LETTER, poison, READ_TIMEOUT);

    var errors = new LinkedHashMap<String, List<String>>();
    check(
        "submitted",
        KafkaTestClients.awaitRecords(Topics.SUBMITTED, decided, READ_TIMEOUT),
        errors);
    check(
        "credit-reports",
        KafkaTestClients.awaitRecords(Topics.CREDIT_REPORTS, decided, READ_TIMEOUT),
        errors);
    check("dead-letter", deadLetters, errors);
    check(
        "decisions",
        KafkaTestClients.awaitRecords(Topics.DECISIONS, decided, READ_TIMEOUT),
        errors);
    // And every decision event on the topic, the reviewers' and the escalations' included.
    check("decisions", KafkaTestClients.allRecords(Topics.DECISIONS, READ_TIMEOUT), errors);
    // Every dead letter on the topic is the service's own: whatever other tests dead-lettered too.
    check("dead-letter", KafkaTestClients.allRecords(Topics.DEAD_LETTER, READ_TIMEOUT), errors);

    assertThat(errors).isEmpty();
    assertThat(deadLetters)
        .extracting(record -> readTree(record.value()).get("original_topic").asText())
        .contains(Topics.SUBMITTED, Topics.CREDIT_REPORTS);
  }

  /**
   * Each record's errors, under its topic, partition and offset; a record without any is left out.
   */
  private static void check(
      String channel,
      List<ConsumerRecord<String, String>> records,
      Map<String, List<String>> errors) {
    assertThat(records).as(channel).isNotEmpty();
    for (var record : records) {
      var found = new ArrayList<String>();
      found.addAll(SCHEMAS.validate(channel, record.value()));
      found.addAll(SCHEMAS.validateHeaders(channel, headers(record)));
      found.addAll(SCHEMAS.validateKey(channel, record.key()));
      if (!found.isEmpty()) {
        errors.put(record.topic() + "-" + record.partition() + "@" + record.offset(), found);
      }
    }
  }

  private static Map<String, String> headers(ConsumerRecord<String, String> record) {
    var headers = new LinkedHashMap<String, String>();
    for (var header : record.headers()) {
      headers.put(header.key(), header.value() == null ? null : new String(header.value(), UTF_8));
    }
    return headers;
  }

  private static Set<String> keys(UUID... ids) {
    return Arrays.stream(ids).map(UUID::toString).collect(Collectors.toSet());
  }
}
