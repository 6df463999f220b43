package routes.outbox;

import broker.EarlierPublications;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import resilience.CircuitBreakers;
import routes.shared.ScheduledErrorHandling;
import store.ClaimedOutboxRows;
import store.OutboxClaim;
import store.OutboxEvent;

/**
 * api: publish what the submissions wrote to the outbox. Each poll claims a batch for a lease,
 * sends it to Kafka as one batch (acks=all, idempotent producer, one record per row keyed by
 * application id), and marks it published; a poll that found a full batch runs again at once. A
 * failed send releases the claim so the next poll retries it; a relay that dies mid-batch loses
 * nothing: its lease expires. While Kafka keeps failing, the {@code outbox-publishing} circuit
 * breaker opens and the relay stops claiming rows until it lets a probe through; submissions
 * meanwhile wait safely in the outbox.
 */
@Component
@ConditionalOnRole(Role.API)
public class OutboxRelayRoute extends RouteBuilder {

  static final String CLAIMED = "outboxClaimed";

  private final CircuitBreakers circuitBreakers;
  private final EarlierPublications earlierPublications;
  private final OutboxClaim claim;

  OutboxRelayRoute(
      CircuitBreakers circuitBreakers,
      EarlierPublications earlierPublications,
      PrequalProperties properties) {
    this.circuitBreakers = circuitBreakers;
    this.earlierPublications = earlierPublications;
    var outbox = properties.outbox();
    this.claim = new OutboxClaim(outbox.claimLease(), outbox.batchSize());
  }

  @Override
  public void configure() {
    // @formatter:off
    from("scheduler:outbox-relay?delay={{prequal.outbox.poll-interval-ms}}&greedy=true&synchronous=true")
        .routeId("outbox-relay")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .filter(this::publishingBlocked)
            .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false))
            .stop()
        .end()
        .setBody(constant(claim))
        .to("sql:classpath:sql/claim-outbox.sql?outputClass=" + OutboxEvent.class.getName())
            .id("claim-outbox")
        .choice()
            .when(simple("${body.isEmpty()}"))
                .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false))
            .otherwise()
                .process(this::toRecords)
                .doTry()
                    .filter(OutboxRelayRoute::hasRecords)
                        .circuitBreaker()
                            .id(CircuitBreakers.OUTBOX_PUBLISHING)
                            .configuration(CircuitBreakers.OUTBOX_PUBLISHING)
                            .to("kafka:{{prequal.topics.submitted.name}}").id("publish-outbox")
                        .end()
                    .end()
                    .setBody(exchangeProperty(CLAIMED))
                    .to("sql:classpath:sql/mark-outbox-published.sql")
                    .log(LoggingLevel.DEBUG,
                        "Published ${header." + SqlConstants.SQL_UPDATE_COUNT + "} outbox event(s)")
                .endDoTry()
                .doFinally()
                    // A failed run gives its claim back at once rather than when the lease ends.
                    .filter(exchangeProperty(Exchange.EXCEPTION_CAUGHT).isNotNull())
                        .setBody(exchangeProperty(CLAIMED))
                        .to("sql:classpath:sql/release-outbox-claims.sql")
                    .end()
                .end()
        .end();
    // @formatter:on
  }

  private boolean publishingBlocked(Exchange exchange) {
    return !circuitBreakers.permitsCalls(CircuitBreakers.OUTBOX_PUBLISHING);
  }

  /**
   * One Kafka record per claimed row that is not on its topic already; the claim is kept to mark or
   * release the rows afterwards. A row claimed before may have been published by the relay that
   * claimed it then ({@link EarlierPublications}): it is marked, not sent again.
   */
  private void toRecords(Exchange exchange) throws TimeoutException {
    List<?> rows = exchange.getMessage().getBody(List.class);
    var events = rows.stream().map(OutboxEvent.class::cast).toList();
    exchange.setProperty(CLAIMED, ClaimedOutboxRows.of(events));
    var claimedBefore = events.stream().filter(OutboxEvent::claimedBefore).toList();
    var published =
        claimedBefore.isEmpty()
            ? Set.<Long>of()
            : earlierPublications.publishedAlready(claimedBefore);
    if (!published.isEmpty()) {
      log.info("{} outbox event(s) were published already by an earlier claim", published.size());
    }
    exchange
        .getMessage()
        .setBody(
            events.stream()
                .filter(event -> !published.contains(event.id()))
                .map(event -> toRecord(event, exchange))
                .toList());
  }

  private static boolean hasRecords(Exchange exchange) {
    return !exchange.getMessage().getBody(List.class).isEmpty();
  }

  private static Message toRecord(OutboxEvent event, Exchange exchange) {
    var message = new DefaultMessage(exchange);
    message.setHeader(KafkaConstants.OVERRIDE_TOPIC, event.topic());
    message.setHeader(KafkaConstants.KEY, event.messageKey());
    message.setBody(event.payload());
    return message;
  }
}
