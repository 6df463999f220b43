package routes.api;

import application.ApplicationForm;
import application.IdempotencyKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import store.NewApplication;

/**
 * Gives a validated form its id and its {@code loan_applications_submitted} message, for the one
 * statement that stores the application, the message in the outbox and the request's
 * Idempotency-Key together.
 */
@Component
class ApplicationIntake {

  private final ObjectMapper objectMapper;
  private final Clock clock;
  private final String submittedTopic;
  private final Duration keyRetention;

  ApplicationIntake(ObjectMapper objectMapper, Clock clock, PrequalProperties properties) {
    this.objectMapper = objectMapper;
    this.clock = clock;
    this.submittedTopic = properties.topics().submitted().name();
    this.keyRetention = properties.api().idempotencyKeyRetention();
  }

  NewApplication register(ApplicationForm form, String correlationId, IdempotencyKey idempotencyKey)
      throws JsonProcessingException {
    var id = UUID.randomUUID();
    var message = form.toSubmitted(id, clock.instant(), correlationId);
    return new NewApplication(
        id,
        form,
        correlationId,
        submittedTopic,
        objectMapper.writeValueAsString(message),
        idempotencyKey,
        keyRetention);
  }
}
