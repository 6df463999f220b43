package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import messages.DeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Spring's ObjectMapper, which reads the consumed messages, as the customizer bounds it: what we
 * publish still reads, what goes past the limits fails as malformed JSON.
 */
class JsonReadLimitsTest {

  private static final ObjectMapper MESSAGES = messageMapper();

  @Test
  void deadLetterCarryingTheLargestKafkaRecordIsRead() throws Exception {
    var payload = "x".repeat(JsonReadLimits.MAX_MESSAGE_STRING_LENGTH);
    var deadLetter =
        new DeadLetter(
            "loan_applications_submitted", 0, 7L, "unreadable", 0, Instant.EPOCH, payload);

    var read = MESSAGES.readValue(MESSAGES.writeValueAsString(deadLetter), DeadLetter.class);

    assertThat(read).isEqualTo(deadLetter);
  }

  @Test
  void stringLongerThanAKafkaRecordIsRefused() {
    var json = "{\"payload\":\"" + "x".repeat(JsonReadLimits.MAX_MESSAGE_STRING_LENGTH + 1) + "\"}";

    assertThatThrownBy(() -> MESSAGES.readValue(json, DeadLetter.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasRootCauseInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void nestingOneLevelTooDeepIsRefused() throws Exception {
    var depth = JsonReadLimits.MAX_NESTING_DEPTH;
    var deepest = "[".repeat(depth) + "]".repeat(depth);

    assertThat(MESSAGES.readTree(deepest).isArray()).isTrue();
    assertThatThrownBy(() -> MESSAGES.readTree("[" + deepest + "]"))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void numberOneDigitTooLongIsRefused() throws Exception {
    var longest = "9".repeat(JsonReadLimits.MAX_NUMBER_LENGTH);

    assertThat(MESSAGES.readTree(longest).isNumber()).isTrue();
    assertThatThrownBy(() -> MESSAGES.readTree(longest + "9"))
        .isInstanceOf(StreamConstraintsException.class);
  }

  private static ObjectMapper messageMapper() {
    var builder = Jackson2ObjectMapperBuilder.json();
    new JsonReadLimits().boundedMessageReads().customize(builder);
    return builder.build();
  }
}
