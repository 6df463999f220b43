package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.LendingPolicies;
import fixtures.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import messages.DecisionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.shared.DecisionEvents;
import store.DecisionEventRow;

/** The outbox keeps a submission until the relay can publish it; nothing waits on Kafka. */
class OutboxRelayIT extends EndToEndTest {

  @Autowired DecisionEvents decisionEvents;

  @Test
  void submissionWhileTheRelayIsStoppedIsPublishedWhenItStarts() throws Exception {
    var routes = camelContext.getRouteController();
    routes.stopRoute("outbox-relay");
    try {
      var id = submit(application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "PERSONAL"));

      await()
          .during(Duration.ofMillis(500))
          .atMost(DECISION_TIMEOUT)
          .untilAsserted(
              () -> {
                assertThat(status(id)).isEqualTo("PENDING");
                assertThat(
                        jdbc.queryForObject(
                            "SELECT published_at IS NULL FROM outbox WHERE topic = '"
                                + Topics.SUBMITTED
                                + "' AND message_key = ?",
                            Boolean.class,
                            id.toString()))
                    .isTrue();
              });

      routes.startRoute("outbox-relay");

      assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
      // The relay marks the row after the broker's acknowledgement, which can come after the
      // decision.
      await()
          .atMost(DECISION_TIMEOUT)
          .until(
              () ->
                  jdbc.queryForObject(
                      "SELECT published_at IS NOT NULL FROM outbox WHERE topic = '"
                          + Topics.SUBMITTED
                          + "' AND message_key = ?",
                      Boolean.class,
                      id.toString()));
    } finally {
      routes.startRoute("outbox-relay");
    }
  }

  /**
   * Rows a relay claimed and never marked, one of them published by it before it died: once their
   * claim expires, the relay that claims them again sends only the one the topic lacks, and marks
   * both.
   */
  @Test
  void rowClaimedBeforeIsNotPublishedAgainIfItsTopicHoldsItAlready() throws Exception {
    var routes = camelContext.getRouteController();
    routes.stopRoute("outbox-relay");
    var sentByTheDeadRelay = decisionEvent();
    var neverSent = decisionEvent();
    try {
      try (var producer = KafkaTestClients.producer()) {
        producer
            .send(
                new ProducerRecord<>(
                    sentByTheDeadRelay.topic(),
                    sentByTheDeadRelay.key(),
                    sentByTheDeadRelay.row().payload()))
            .get();
      }
      for (var event : List.of(sentByTheDeadRelay, neverSent)) {
        jdbc.update(
            "INSERT INTO outbox (topic, message_key, payload, first_claimed_at, claimed_until)"
                + " VALUES (?, ?, ?, now() - interval '2 minutes', now() - interval '1 minute')",
            event.topic(),
            event.key(),
            event.row().payload());
      }
    } finally {
      routes.startRoute("outbox-relay");
    }

    await()
        .atMost(DECISION_TIMEOUT)
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE message_key IN (?, ?)"
                            + " AND published_at IS NOT NULL",
                        Integer.class,
                        sentByTheDeadRelay.key(),
                        neverSent.key())
                    == 2);
    var keys =
        KafkaTestClients.allRecords(Topics.DECISIONS, Duration.ofSeconds(10)).stream()
            .map(ConsumerRecord::key)
            .filter(key -> key.equals(sentByTheDeadRelay.key()) || key.equals(neverSent.key()))
            .toList();
    assertThat(keys).containsExactlyInAnyOrder(sentByTheDeadRelay.key(), neverSent.key());
  }

  private record Event(String key, DecisionEventRow row) {
    String topic() {
      return row.topic();
    }
  }

  private Event decisionEvent() {
    var id = UUID.randomUUID();
    var event =
        new DecisionEvent(
            DecisionEvent.Type.DECIDED,
            id,
            "REJECTED",
            List.of("CIBIL_SCORE_BELOW_MINIMUM"),
            LendingPolicies.STANDARD.version(),
            "system",
            Instant.now(),
            "outbox-read-back",
            null,
            null);
    return new Event(id.toString(), decisionEvents.row(event));
  }
}
