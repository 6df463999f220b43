package routes;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import outbox.OutboxBatch;
import prequal.ConditionalOnRole;
import prequal.Role;
import resilience.CircuitBreakers;

/**
 * api: publish what the submissions wrote to the outbox. Each poll claims a batch for a lease,
 * sends it to Kafka as one batch (acks=all, idempotent producer), and marks it published; a poll
 * that found a full batch runs again at once. A failed send releases the claim so the next poll
 * retries it; a relay that dies mid-batch loses nothing: its lease expires. While Kafka keeps
 * failing, the {@code outbox-publishing} circuit breaker opens and the relay stops claiming rows
 * until it lets a probe through; submissions meanwhile wait safely in the outbox.
 */
@Component
@ConditionalOnRole(Role.API)
public class OutboxRelayRoute extends RouteBuilder {

  private final OutboxBatch outboxBatch;
  private final CircuitBreakers circuitBreakers;

  OutboxRelayRoute(OutboxBatch outboxBatch, CircuitBreakers circuitBreakers) {
    this.outboxBatch = outboxBatch;
    this.circuitBreakers = circuitBreakers;
  }

  @Override
  public void configure() {
    onException(Exception.class)
        .handled(true)
        .log(LoggingLevel.WARN, "Outbox relay failed, will retry: ${exception.message}")
        // Otherwise the greedy scheduler would retry at once, in a tight loop, while Kafka is down.
        .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false))
        .filter(exchangeProperty(OutboxBatch.CLAIMED_IDS).isNotNull())
        .setBody(exchange -> outboxBatch.idsParameter(exchange))
        .to("sql:classpath:sql/release-outbox-claims.sql");

    from("scheduler:outbox-relay?delay={{prequal.outbox.poll-interval-ms}}&greedy=true&synchronous=true")
        .routeId("outbox-relay")
        .filter(exchange -> !circuitBreakers.permitsCalls(CircuitBreakers.OUTBOX_PUBLISHING))
        .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false))
        .stop()
        .end()
        .setBody(exchange -> outboxBatch.claimParameters())
        .to("sql:classpath:sql/claim-outbox.sql")
        .choice()
        .when(simple("${body.isEmpty()}"))
        .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false))
        .otherwise()
        .bean(outboxBatch, "toRecords")
        .circuitBreaker()
        .id(CircuitBreakers.OUTBOX_PUBLISHING)
        .configuration(CircuitBreakers.OUTBOX_PUBLISHING)
        .to("kafka:{{prequal.topics.submitted.name}}")
        .end()
        .setBody(exchange -> outboxBatch.idsParameter(exchange))
        .to("sql:classpath:sql/mark-outbox-published.sql")
        .log(LoggingLevel.DEBUG, "Published ${header.CamelSqlUpdateCount} outbox event(s)")
        .end();
  }
}
