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
    // A version 1 row may have no name.
    var parameters = new HashMap<String, Object>();
    parameters.put("id", id);
    parameters.put("pan_number_sealed", applicant.panNumberSealed());
    parameters.put("applicant_name_sealed", applicant.applicantNameSealed());
    parameters.put("pan_lookup", applicant.panLookup());
    return parameters;
  }
}
