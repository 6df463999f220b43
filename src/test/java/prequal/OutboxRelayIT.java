package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outbox keeps a submission until the relay can publish it; nothing waits on Kafka. */
class OutboxRelayIT extends EndToEndTest {

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
}
