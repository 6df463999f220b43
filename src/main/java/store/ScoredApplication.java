package store;

import java.util.Map;
import java.util.UUID;

/**
 * {@code select-application-for-decision.sql}: what a credit report contributes to the decision of
 * application {@code id} — its score, and the correlation id for the audit trail. Everything else
 * the decision needs is read from the stored application, whatever the report says about it.
 */
public record ScoredApplication(UUID id, int cibilScore, String correlationId)
    implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("id", id);
  }
}
