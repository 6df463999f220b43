package store;

import java.util.Map;

/**
 * Who applied, as the database keeps it: the PAN and the name sealed (see {@code
 * privacy.PersonalDataCipher}), and the keyed look-up hash of the PAN.
 */
public record SealedApplicant(
    String panNumberSealed, String applicantNameSealed, String panLookup) {

  /** Its parameters, for the statements that store it; a version 1 row may have had no name. */
  void addTo(Map<String, Object> parameters) {
    parameters.put("pan_number_sealed", panNumberSealed);
    parameters.put("applicant_name_sealed", applicantNameSealed);
    parameters.put("pan_lookup", panLookup);
  }
}
