package web;

import application.ApplicationStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import store.ApplicationEventRow;

/**
 * An application's audit trail as a reviewer reads it ({@code GET /applications/{id}/events}),
 * oldest first: each status change or other action, when, by whom, with which reason codes and
 * note, under which request and policy.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApplicationEventsView(UUID applicationId, List<Event> events) {

  /**
   * One event. {@code actor} is {@code system} or a reviewer's id, null for the submission (and for
   * events recorded before decisions named their actor); {@code action} is null for a status change
   * and names any other act, such as {@code PERSONAL_DATA_ERASED}.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Event(
      ApplicationStatus fromStatus,
      ApplicationStatus toStatus,
      OffsetDateTime at,
      String actor,
      String action,
      List<String> reasonCodes,
      String note,
      String correlationId,
      String policyVersion) {

    static Event of(ApplicationEventRow row) {
      return new Event(
          row.fromStatus(),
          row.toStatus(),
          row.createdAt(),
          row.actor(),
          row.action(),
          row.reasonCodeList(),
          row.note(),
          row.correlationId(),
          row.policyVersion());
    }
  }

  /** The trail from the rows of one application (at least one row: it exists). */
  public static ApplicationEventsView of(UUID applicationId, List<ApplicationEventRow> rows) {
    return new ApplicationEventsView(
        applicationId, rows.stream().filter(ApplicationEventRow::isEvent).map(Event::of).toList());
  }
}
