package store;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code erase-personal-data.sql}: erases the PAN, its look-up hash and the name of application
 * {@code id}, once it is decided, with an audit event under {@code correlationId}; the
 * Idempotency-Key fingerprint and the submission's outbox message on {@code submittedTopic}, which
 * hold them in another form, go too (its decision events hold neither, and stay). Then {@code
 * select-personal-data-erasure.sql} reads what the application is left with.
 */
public record PersonalDataErasure(UUID id, String correlationId, String submittedTopic)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    // A request may come without a correlation id, and Map.of refuses null.
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    parameters.put("correlation_id", correlationId);
    parameters.put("submitted_topic", submittedTopic);
    return parameters;
  }
}
