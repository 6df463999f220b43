package store;

import application.ApplicationStatus;
import java.util.UUID;

/**
 * A row of {@code select-earlier-submission.sql}: the application an Idempotency-Key stands for,
 * its status now, and the fingerprint of the form that created it.
 */
public record EarlierSubmission(UUID applicationId, ApplicationStatus status, String requestHash) {}
