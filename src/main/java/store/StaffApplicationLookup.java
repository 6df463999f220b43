package store;

import java.util.Map;
import java.util.UUID;

/**
 * {@code select-application-for-staff.sql}: everything stored about application {@code id} that the
 * staff view shows, the PAN still sealed. Its row is a {@link StaffApplicationRow}.
 */
public record StaffApplicationLookup(UUID id) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    return Map.of("id", id);
  }
}
