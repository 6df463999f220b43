package store;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code reseal-personal-data.sql}: application {@code id}'s PAN and name as {@code applicant}
 * seals them now, the plain columns emptied, and a plain-text outbox message of it rewritten to the
 * sealed form. An application erased meanwhile stays erased.
 */
public record ResealedApplicant(UUID id, SealedApplicant applicant) implements SqlParameters {

  @Override
  public Map<String, Object> toParameters() {
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    applicant.addTo(parameters);
    return parameters;
  }
}
