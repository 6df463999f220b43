package routes.shared;

import broker.KafkaCommits;
import com.fasterxml.jackson.core.JsonProcessingException;
import decision.UnknownApplicationException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.sql.SQLException;
import java.time.Clock;
import messages.DeadLetter;
import messages.InvalidMessageException;
import monitoring.DeadLetterMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.model.OnExceptionDefinition;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import privacy.SealedValueException;
import resilience.DatabaseFailure;

/**
 * Error handling shared by the Kafka consumer routes.
 *
 * <ul>
 *   <li>A message that can never succeed (unreadable, breaking the message rules, with a sealed PAN
 *       that does not open, naming an unknown application, carrying data the database refuses,
 *       {@link DatabaseFailure#REFUSED_DATA}) goes to the dead-letter topic with the dead-letter
 *       schema; its offset is committed only after the broker acknowledged the dead letter.
 *   <li>While a circuit breaker is open the record is held, uncommitted, and offered again every
 *       second: the consumer is paused on it, and nothing is dead-lettered because of an outage.
 *   <li>Anything else is presumed transient: redelivered with backoff, and if it still fails the
 *       offset is not committed and the consumer re-polls the record ({@code breakOnFirstError}),
 *       so the partition does not advance past unprocessed work. A failure inside a circuit breaker
 *       is handled the same way (the breaker inherits this error handling); the breaker counts the
 *       ones that say the database is unavailable, until it opens and the record is held as above.
 * </ul>
 */
@Component
public class ConsumerErrorHandling extends RouteConfigurationBuilder {

  public static final String ID = "consumer-errors";

  private final Clock clock;
  private final int breakerOpenRedeliveries;
  private final DeadLetterMetrics deadLetterMetrics;
  private final PersonalDataCipher cipher;

  ConsumerErrorHandling(
      Clock clock,
      PrequalProperties properties,
      DeadLetterMetrics deadLetterMetrics,
      PersonalDataCipher cipher) {
    this.clock = clock;
    this.cipher = cipher;
    this.breakerOpenRedeliveries = properties.retry().breakerOpenRedeliveries();
    this.deadLetterMetrics = deadLetterMetrics;
  }

  @Override
  public void configuration() {
    // @formatter:off
    var consumer = routeConfiguration(ID);

    deadLetter(consumer.onException(JsonProcessingException.class, InvalidMessageException.class,
            SealedValueException.class, UnknownApplicationException.class));
    // Camel matches from the root cause up, so the SQLException itself, beneath Spring's wrapper.
    deadLetter(consumer.onException(SQLException.class)
        .onWhen(exchange -> DatabaseFailure.of(exchange.getException()) == DatabaseFailure.REFUSED_DATA));

    consumer.onException(CallNotPermittedException.class)
        // A shutdown must not wait out an outage: the record stays uncommitted and comes back.
        .retryWhile(this::stillWaitingForBreaker)
        .redeliveryDelay("{{prequal.retry.breaker-open-delay-ms}}")
        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
        .logExhausted(true)
        .logExhaustedMessageHistory(false);

    consumer.onException(Exception.class)
        .maximumRedeliveries("{{prequal.retry.max-redeliveries}}")
        .delayPattern("{{prequal.retry.delay-pattern}}")
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .logExhausted(true)
        .logExhaustedMessageHistory(false);
    // @formatter:on
  }

  private void deadLetter(OnExceptionDefinition poison) {
    // @formatter:off
    poison
        .handled(true)
        .useOriginalMessage()
        .log(LoggingLevel.WARN, "Dead-lettering a message that can never succeed: ${exception.message}")
        .process(this::toDeadLetter)
        .marshal().json()
        .to("kafka:{{prequal.topics.dead-letter.name}}")
        .process(this::countDeadLetter)
        .process(KafkaCommits::commit);
    // @formatter:on
  }

  private boolean stillWaitingForBreaker(Exchange exchange) {
    var attempts = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
    return exchange.getContext().getStatus().isStarted() && attempts < breakerOpenRedeliveries;
  }

  private void toDeadLetter(Exchange exchange) {
    var message = exchange.getMessage();
    var cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    var topic = message.getHeader(KafkaConstants.TOPIC, String.class);
    var deadLetter =
        new DeadLetter(
            topic,
            message.getHeader(KafkaConstants.PARTITION, Integer.class),
            message.getHeader(KafkaConstants.OFFSET, Long.class),
            cause == null ? "unknown" : cause.getMessage(),
            message.getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class),
            clock.instant(),
            sealed(topic, message.getBody(String.class)));
    message.setHeader(
        DeadLetter.ERROR_CLASS_HEADER, cause == null ? "unknown" : cause.getClass().getName());
    message.setBody(deadLetter);
  }

  /** Whatever the message held, or failed to hold, stays sealed for as long as it is kept. */
  private String sealed(String topic, String payload) {
    return payload == null ? null : cipher.seal(SealedField.deadLetterPayload(topic), payload);
  }

  private void countDeadLetter(Exchange exchange) {
    deadLetterMetrics.deadLettered(
        exchange.getFromRouteId(),
        exchange.getMessage().getHeader(DeadLetter.ERROR_CLASS_HEADER, String.class));
  }
}
