package routes.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import messages.ContentTypes;
import messages.DeadLetter;
import monitoring.DeadLetterMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import privacy.PersonalDataCipher;
import privacy.SealedField;

/**
 * Sends a batch's poison records to the dead-letter topic, each with the dead-letter schema, and
 * waits for the broker to acknowledge each before the batch may be committed. A send that fails
 * leaves the rest for the step's redelivery, so no record is dead-lettered twice by a retry.
 */
@Component
public class DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final ProducerTemplate producer;
  private final ObjectMapper objectMapper;
  private final Clock clock;
  private final DeadLetterMetrics metrics;
  private final PersonalDataCipher cipher;
  private final String endpoint;

  DeadLetters(
      ProducerTemplate producer,
      ObjectMapper objectMapper,
      Clock clock,
      DeadLetterMetrics metrics,
      PersonalDataCipher cipher,
      PrequalProperties properties) {
    this.producer = producer;
    this.objectMapper = objectMapper;
    this.clock = clock;
    this.metrics = metrics;
    this.cipher = cipher;
    this.endpoint = "kafka:" + properties.topics().deadLetter().name();
  }

  /** Dead-letters the poison records of the exchange's {@link ConsumedBatch}. */
  public void send(Exchange batch) throws JsonProcessingException {
    for (var poison = ConsumedBatch.of(batch).poisonToDeadLetter(); poison.hasNext(); ) {
      var next = poison.next();
      var errorClass = next.cause().getClass().getName();
      LOG.warn("Dead-lettering a message that can never succeed: {}", next.cause().getMessage());
      var payload = objectMapper.writeValueAsString(deadLetter(next.record(), next.cause()));
      // Under the original key, so a dead letter can be found by the application it names.
      var key = next.record().getMessage().getHeader(KafkaConstants.KEY);
      var sent =
          producer.send(
              endpoint,
              exchange -> {
                exchange.getMessage().setBody(payload);
                exchange.getMessage().setHeader(KafkaConstants.KEY, key);
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ContentTypes.JSON);
                exchange.getMessage().setHeader(DeadLetter.ERROR_CLASS_HEADER, errorClass);
              });
      if (sent.getException() != null) {
        throw new DeadLetterNotSentException(sent.getException());
      }
      metrics.deadLettered(batch.getFromRouteId(), errorClass);
      poison.remove();
    }
  }

  private DeadLetter deadLetter(Exchange record, Exception cause) {
    var message = record.getMessage();
    var topic = message.getHeader(KafkaConstants.TOPIC, String.class);
    // Poison is known when first seen and never retried.
    return new DeadLetter(
        topic,
        message.getHeader(KafkaConstants.PARTITION, Integer.class),
        message.getHeader(KafkaConstants.OFFSET, Long.class),
        cause.getMessage(),
        0,
        clock.instant(),
        sealed(topic, message.getBody(String.class)));
  }

  /** Whatever the message held, or failed to hold, stays sealed for as long as it is kept. */
  private String sealed(String topic, String payload) {
    return payload == null ? null : cipher.seal(SealedField.deadLetterPayload(topic), payload);
  }

  /** The broker did not take a dead letter; the step is retried like any transient failure. */
  static final class DeadLetterNotSentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadLetterNotSentException(Exception cause) {
      super("A dead letter was not sent: " + cause.getMessage(), cause);
    }
  }
}
