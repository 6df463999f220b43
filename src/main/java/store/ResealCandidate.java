package store;

import java.util.UUID;

/**
 * A row of {@code select-personal-data-to-reseal.sql}: the PAN and name of application {@code id}
 * as stored, in plain text (a version 1 row) or sealed.
 */
public record ResealCandidate(
    UUID id,
    String panNumber,
    String applicantName,
    String panNumberSealed,
    String applicantNameSealed) {}
