package store;

import java.util.Map;
import java.util.UUID;

/**
 * {@code select-application-status.sql}: the status of application {@code id}. Its row is read into
 * the status view the API answers with.
 */
public record StatusLookup(UUID id) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("id", id);
  }
}
