package store;

/**
 * Who applied, as the database keeps it: the PAN and the name sealed (see {@code
 * privacy.PersonalDataCipher}), and the keyed look-up hash of the PAN.
 */
public record SealedApplicant(
    String panNumberSealed, String applicantNameSealed, String panLookup) {}
