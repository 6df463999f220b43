package web;

import application.ApplicationStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import decision.Reason;
import decision.ReasonCode;
import java.util.List;
import java.util.UUID;
import store.ApplicationStatusRow;

/**
 * What the applicant sees of an application: its status and, once decided, the reasons as sentences
 * and the policy version. Never the PAN, nor the values the reasons were measured on beyond what
 * the sentence says.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationStatusView(
    UUID applicationId,
    ApplicationStatus status,
    List<ApplicantReason> reasons,
    String policyVersion) {

  /** One reason, as the applicant reads it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ApplicantReason(ReasonCode code, String message, String messageHindi) {}

  /** An application without its reasons: just submitted, or not yet decided. */
  public static ApplicationStatusView of(UUID applicationId, ApplicationStatus status) {
    return new ApplicationStatusView(applicationId, status, null, null);
  }

  public static ApplicationStatusView of(ApplicationStatusRow row) {
    if (row.policyVersion() == null) {
      return of(row.applicationId(), row.status());
    }
    return new ApplicationStatusView(
        row.applicationId(),
        row.status(),
        row.reasons().stream().map(ApplicationStatusView::told).toList(),
        row.policyVersion());
  }

  private static ApplicantReason told(Reason reason) {
    return new ApplicantReason(reason.code(), reason.message(), reason.messageHindi());
  }
}
