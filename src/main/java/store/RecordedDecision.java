package store;

import application.ApplicationStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code apply-decision.sql}: the outcome of application {@code id}, applied only while it is
 * PENDING, with its audit event. The outcome was decided from the {@link StoredApplication} and the
 * score of the {@link ScoredApplication}.
 */
public record RecordedDecision(
    UUID id, ApplicationStatus status, int cibilScore, String correlationId)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    // The correlation id may be missing from a message; Map.of refuses nulls.
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    parameters.put("status", status.name());
    parameters.put("cibil_score", cibilScore);
    parameters.put("correlation_id", correlationId);
    return parameters;
  }
}
