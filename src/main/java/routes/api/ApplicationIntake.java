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
import privacy.KeyedHash;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import store.NewApplication;
import store.SealedApplicant;

/**
 * Gives a validated form its id, its sealed PAN and name, and its {@code
 * loan_applications_submitted} message, for the one statement that stores the application, the
 * message in the outbox and the request's Idempotency-Key together.
 */
@Component
class ApplicationIntake {

  private final ObjectMapper objectMapper;
  private final PersonalDataCipher cipher;
  private final KeyedHash keyedHash;
  private final Clock clock;
  private final String submittedTopic;
  private final Duration keyRetention;

  ApplicationIntake(
      ObjectMapper objectMapper,
      PersonalDataCipher cipher,
      KeyedHash keyedHash,
      Clock clock,
      PrequalProperties properties) {
    this.objectMapper = objectMapper;
    this.cipher = cipher;
    this.keyedHash = keyedHash;
    this.clock = clock;
    this.submittedTopic = properties.topics().submitted().name();
    this.keyRetention = properties.api().idempotencyKeyRetention();
  }

  NewApplication register(ApplicationForm form, String correlationId, IdempotencyKey idempotencyKey)
      throws JsonProcessingException {
    var id = UUID.randomUUID();
    var applicant =
        new SealedApplicant(
            cipher.seal(SealedField.panNumber(id), form.panNumber().value()),
            cipher.seal(SealedField.applicantName(id), form.applicantName()),
            keyedHash.ofPan(form.panNumber().value()));
    var message = form.toSubmitted(id, applicant.panNumberSealed(), clock.instant(), correlationId);
    return new NewApplication(
        id,
        form,
        applicant,
        correlationId,
        submittedTopic,
        objectMapper.writeValueAsString(message),
        idempotencyKey,
        idempotencyKey == null ? null : form.fingerprint(keyedHash),
        keyRetention);
  }
}
