package messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The {@code loan_application_dlq} message: where a message came from, why it can never be
 * processed, and the message itself exactly as it was received, sealed for its original topic
 * ({@code privacy.SealedField.deadLetterPayload}): a dead letter may hold anything a producer sent,
 * a plain PAN included, and is kept for weeks.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetter(
    String originalTopic,
    Integer originalPartition,
    Long originalOffset,
    String errorMessage,
    int retryCount,
    Instant failedAt,
    String payload) {

  /** The Kafka header that names the class of the error that made the message unprocessable. */
  public static final String ERROR_CLASS_HEADER = "error_class";
}
