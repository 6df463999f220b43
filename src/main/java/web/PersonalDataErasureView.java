package web;

import application.ApplicationStatus;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The answer to an erasure, read by {@code select-personal-data-erasure.sql}: the status stays, and
 * when the personal data went.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PersonalDataErasureView(
    UUID applicationId, ApplicationStatus status, OffsetDateTime personalDataErasedAt) {}
