package routes.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import decision.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

  /** What the event says, before it is written as JSON. */
  public record Facts(
      DecisionEvent.Type type,
      UUID applicationId,
      Enum<?> outcome,
      List<ReasonCode> reasonCodes,
      String policyVersion,
      String decidedBy,
      Instant decidedAt,
      String correlationId,
      UUID reviewId,
      Instant dueAt) {}

  public DecisionEventRow row(Facts facts) {
    var event =
        new DecisionEvent(
            facts.type(),
            facts.applicationId(),
            facts.outcome().name(),
            facts.reasonCodes().stream().map(ReasonCode::name).toList(),
            facts.policyVersion(),
            facts.decidedBy(),
            facts.decidedAt(),
            facts.correlationId(),
            facts.reviewId(),
            facts.dueAt());
    try {
      return new DecisionEventRow(topic, objectMapper.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A decision event is plain values and always serialises", e);
    }
  }
}
