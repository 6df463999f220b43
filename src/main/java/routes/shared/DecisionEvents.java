package routes.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import messages.DecisionEvent;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import store.DecisionEventRow;

/**
 * Writes the {@code loan_decisions} messages as the outbox rows that the statement recording a
 * decision or a review step inserts with it, so the event is published if and only if the step is
 * committed.
 */
@Component
public class DecisionEvents {

  private final ObjectMapper objectMapper;
  private final String topic;

  DecisionEvents(ObjectMapper objectMapper, PrequalProperties properties) {
    this.objectMapper = objectMapper;
    this.topic = properties.topics().decisions().name();
  }

  /** The event as the outbox row its step's statement inserts: the message as JSON. */
  public DecisionEventRow row(DecisionEvent event) {
    try {
      return new DecisionEventRow(topic, objectMapper.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A decision event is plain values and always serialises", e);
    }
  }
}
