package routes.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.OutboxRow;
import fixtures.OwnDatabase;
import fixtures.SubmittedMessage;
import fixtures.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import prequal.PrequalApplication;
import routes.RouteTest;

/**
 * The outbox relay with only the api role running, on a database of its own, its Kafka send
 * replaced by a mock: what it publishes from the rows it claims, and that a failed send gives the
 * claim back at once rather than when the lease runs out.
 */
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prequal.roles=api", "prequal.outbox.claim-lease=10m"})
@Import(OwnDatabase.class)
class OutboxRelayRouteTest extends RouteTest {

  private static final Duration PUBLISHED = Duration.ofSeconds(10);

  @Autowired JdbcTemplate jdbc;

  @EndpointInject("mock:kafka")
  MockEndpoint kafka;

  @Override
  protected String routeId() {
    return "outbox-relay";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.weaveById("publish-outbox").replace().to("mock:kafka");
  }

  @Test
  void publishesEachClaimedRowKeyedByItsApplicationThenMarksIt() {
    var first = UUID.randomUUID();
    var second = UUID.randomUUID();
    var firstMessage = SubmittedMessage.of(first);
    OutboxRow.submitted(first, firstMessage).insert(jdbc);
    OutboxRow.submitted(second, SubmittedMessage.of(second)).insert(jdbc);

    await().atMost(PUBLISHED).until(() -> published(first) && published(second));

    var records = sentRecords();
    assertThat(records)
        .extracting(record -> record.getHeader(KafkaConstants.KEY))
        .contains(first.toString(), second.toString());
    assertThat(records)
        .allSatisfy(
            record ->
                assertThat(record.getHeader(KafkaConstants.OVERRIDE_TOPIC))
                    .isEqualTo(Topics.SUBMITTED));
    assertThat(records)
        .filteredOn(record -> first.toString().equals(record.getHeader(KafkaConstants.KEY)))
        .singleElement()
        .extracting(Message::getBody)
        .isEqualTo(firstMessage.toJson());
  }

  @Test
  void failedSendReleasesTheClaimSoTheNextPollRetries() {
    kafka.whenExchangeReceived(
        1,
        exchange -> {
          throw new IOException("broker unreachable");
        });
    var id = UUID.randomUUID();
    OutboxRow.submitted(id, SubmittedMessage.of(id)).insert(jdbc);

    // The claim lease is ten minutes: only a released claim is published again this soon.
    await().atMost(PUBLISHED).until(() -> published(id));

    assertThat(kafka.getReceivedCounter()).isGreaterThanOrEqualTo(2);
  }

  private boolean published(UUID id) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT bool_and(published_at IS NOT NULL) FROM outbox WHERE topic = '"
                + Topics.SUBMITTED
                + "' AND message_key = ?",
            Boolean.class,
            id.toString()));
  }

  private List<Message> sentRecords() {
    return kafka.getReceivedExchanges().stream()
        .map(Exchange::getMessage)
        .flatMap(batch -> ((List<?>) batch.getBody(List.class)).stream())
        .map(Message.class::cast)
        .toList();
  }
}
