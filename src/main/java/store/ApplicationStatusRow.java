package store;

import application.ApplicationStatus;
import decision.Reason;
import java.util.List;
import java.util.UUID;

/**
 * The row of {@code select-application-status.sql}: where the application stands and, once decided,
 * the reasons (the {@code decision_reasons} JSON) and the policy version.
 */
public record ApplicationStatusRow(
    UUID applicationId, ApplicationStatus status, String decisionReasons, String policyVersion) {

  public List<Reason> reasons() {
    return DecisionReasons.fromJson(decisionReasons);
  }
}
