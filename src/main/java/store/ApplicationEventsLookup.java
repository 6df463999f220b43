package store;

import java.util.Map;
import java.util.UUID;

/**
 * {@code select-application-events.sql}: the audit trail of application {@code id}, oldest first,
 * one {@link ApplicationEventRow} per event; no row at all when there is no such application.
 */
public record ApplicationEventsLookup(UUID id) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("id", id);
  }
}
