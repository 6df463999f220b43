package store;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * {@code select-applications-for-decision.sql}: the applications a batch of credit reports names.
 * Only the scores come from the reports; everything else the decisions need is read from the stored
 * applications, whatever the reports say about them.
 */
public record ReportedApplications(Collection<UUID> ids) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    // pgjdbc does not encode a UUID[]; the statement casts the text.
    return Map.of("ids", ids.stream().map(UUID::toString).toArray(String[]::new));
  }
}
