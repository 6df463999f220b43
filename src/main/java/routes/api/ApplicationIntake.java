package routes.api;

import application.ApplicationForm;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import store.NewApplication;

/**
 * Gives a validated form its id and its {@code loan_applications_submitted} message, for the one
 * statement that stores the application and the message in the outbox together.
 */
@Component
class ApplicationIntake {

  private final ObjectMapper objectMapper;
  private final Clock clock;
  private final String submittedTopic;

  ApplicationIntake(ObjectMapper objectMapper, Clock clock, PrequalProperties properties) {
    this.objectMapper = objectMapper;
    this.clock = clock;
    this.submittedTopic = properties.topics().submitted().name();
  }

  NewApplication register(ApplicationForm form, String correlationId)
      throws JsonProcessingException {
    var id = UUID.randomUUID();
    var message = form.toSubmitted(id, clock.instant(), correlationId);
    return new NewApplication(
        id, form, correlationId, submittedTopic, objectMapper.writeValueAsString(message));
  }
}
