package prequal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on every JSON document the service reads, far below Jackson's own (nesting 1000, strings
 * of 20 million characters, numbers of 1000 digits), which let one document cost seconds of CPU or
 * a large share of the heap. Our documents are flat, their numbers at most 13 characters
 * (9999999999.99) and their longest field, in a request, the 255-character name.
 *
 * <ul>
 *   <li>{@link #MESSAGES}, on Spring's ObjectMapper, which reads every consumed Kafka message
 *       (camel-jackson uses it) and the dead letters a re-drive sends back: a message is untrusted
 *       input too. Its strings may be as long as a Kafka record (1 MiB by default), since a dead
 *       letter carries the message it stands for as one string.
 *   <li>{@link #REQUESTS}, on the reader of request bodies ({@code web.JsonRequestReader}).
 * </ul>
 *
 * A document beyond them fails as malformed JSON: a 400 for a request, a dead letter for a message.
 */
@Configuration(proxyBeanMethods = false)
public class JsonReadLimits {

  public static final int MAX_NESTING_DEPTH = 20;
  public static final int MAX_NUMBER_LENGTH = 50;
  public static final int MAX_REQUEST_STRING_LENGTH = 10_000;
  static final int MAX_MESSAGE_STRING_LENGTH = 1 << 20;

  public static final StreamReadConstraints MESSAGES = limits(MAX_MESSAGE_STRING_LENGTH);
  public static final StreamReadConstraints REQUESTS = limits(MAX_REQUEST_STRING_LENGTH);

  @Bean
  Jackson2ObjectMapperBuilderCustomizer boundedMessageReads() {
    return builder ->
        builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(MESSAGES));
  }

  private static StreamReadConstraints limits(int maxStringLength) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxStringLength(maxStringLength)
        .build();
  }
}
