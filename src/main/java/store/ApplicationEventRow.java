package store;

import application.ApplicationStatus;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code select-application-events.sql}: one audit event of the application, or, for an
 * application without any, a row with only its id ({@code eventId} null). The reason codes come as
 * one comma-separated text (the catalogue's codes hold no comma), which reads into a record where
 * an SQL array would not.
 */
public record ApplicationEventRow(
    UUID applicationId,
    Long eventId,
    ApplicationStatus fromStatus,
    ApplicationStatus toStatus,
    OffsetDateTime createdAt,
    String actor,
    String action,
    String reasonCodes,
    String policyVersion,
    String note,
    String correlationId) {

  public boolean isEvent() {
    return eventId != null;
  }

  /** The reason codes the event recorded; none for a submission or an erasure. */
  public List<String> reasonCodeList() {
    return reasonCodes == null || reasonCodes.isEmpty()
        ? List.of()
        : Arrays.asList(reasonCodes.split(",", -1));
  }
}
