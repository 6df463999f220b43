package application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * Turns a validated form into the parameters of the one statement that stores the application and
 * its {@code loan_applications_submitted} event in the outbox together.
 */
@Component
public class ApplicationIntake {

  private final ObjectMapper objectMapper;
  private final Clock clock;
  private final String submittedTopic;

  ApplicationIntake(ObjectMapper objectMapper, Clock clock, PrequalProperties properties) {
    this.objectMapper = objectMapper;
    this.clock = clock;
    this.submittedTopic = properties.topics().submitted().name();
  }

  public Map<String, Object> register(ApplicationForm form, String correlationId)
      throws JsonProcessingException {
    var id = UUID.randomUUID();
    var event = ApplicationSubmitted.of(id, form, clock.instant(), correlationId);
    return Map.of(
        "id", id,
        "pan_number", form.panNumber().value(),
        "applicant_name", form.applicantName(),
        "monthly_income_inr", form.monthlyIncomeInr(),
        "loan_amount_inr", form.loanAmountInr(),
        "loan_type", form.loanType().name(),
        "correlation_id", correlationId,
        "topic", submittedTopic,
        "message_key", id.toString(),
        "payload", objectMapper.writeValueAsString(event));
  }
}
