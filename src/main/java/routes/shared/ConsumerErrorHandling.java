package routes.shared;

import broker.KafkaCommits;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * Error handling shared by the Kafka consumer routes, which take a poll's records as one batch.
 * camel-kafka logs a batch that fails and goes on to the next, whose commit would carry the
 * partition past the failed records: so no exception leaves a batch route. Poison records never
 * reach this handling either: the routes set them aside and dead-letter them one by one ({@link
 * ConsumedBatch}, {@link DeadLetters}).
 *
 * <ul>
 *   <li>While a circuit breaker is open the batch is held, uncommitted, and offered again every
 *       second: nothing is dead-lettered because of an outage.
 *   <li>Anything else is presumed transient: the failed step is redelivered with backoff. A failure
 *       inside a circuit breaker is handled the same way (the breaker inherits this error
 *       handling); the breaker counts the ones that say the database is unavailable, until it opens
 *       and the batch is held as above.
 *   <li>When the redeliveries are exhausted, or the service is stopping, the batch is given up:
 *       rewound, uncommitted ({@link KafkaCommits}), so the next poll reads it again from its first
 *       record.
 *   <li>A commit refused because the partitions moved to another consumer (this one waited longer
 *       than Kafka's poll interval) ends the batch: the new owner reads it again from the last
 *       commit, and every stage is idempotent.
 * </ul>
 */
@Component
public class ConsumerErrorHandling extends RouteConfigurationBuilder {

  public static final String ID = "consumer-errors";

  private final int maxRedeliveries;
  private final int breakerOpenRedeliveries;

  ConsumerErrorHandling(PrequalProperties properties) {
    this.maxRedeliveries = properties.retry().maxRedeliveries();
    this.breakerOpenRedeliveries = properties.retry().breakerOpenRedeliveries();
  }

  @Override
  public void configuration() {
    // @formatter:off
    var consumer = routeConfiguration(ID);

    consumer.onException(CommitFailedException.class)
        .handled(true)
        .log(LoggingLevel.WARN, "Batch not committed, its partitions moved to another consumer: ${exception.message}");

    consumer.onException(CallNotPermittedException.class)
        // A shutdown must not wait out an outage: the batch stays uncommitted and comes back.
        .retryWhile(this::stillWaitingForBreaker)
        .redeliveryDelay("{{prequal.retry.breaker-open-delay-ms}}")
        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
        .logExhausted(true)
        .logExhaustedMessageHistory(false)
        .handled(true)
        .process(ConsumedBatch::rewind);

    consumer.onException(Exception.class)
        .retryWhile(this::stillRedelivering)
        .delayPattern("{{prequal.retry.delay-pattern}}")
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .logExhausted(true)
        .logExhaustedMessageHistory(false)
        .handled(true)
        .process(ConsumedBatch::rewind);
    // @formatter:on
  }

  private boolean stillWaitingForBreaker(Exchange exchange) {
    return isRunning(exchange) && redeliveries(exchange) < breakerOpenRedeliveries;
  }

  private boolean stillRedelivering(Exchange exchange) {
    return isRunning(exchange) && redeliveries(exchange) <= maxRedeliveries;
  }

  private static boolean isRunning(Exchange exchange) {
    return exchange.getContext().getStatus().isStarted();
  }

  private static int redeliveries(Exchange exchange) {
    return exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
  }
}
