package decision;

import application.ApplicationStatus;
import java.util.List;

/** An outcome with the reasons that led to it, under the policy version that produced it. */
public record Decision(ApplicationStatus outcome, List<Reason> reasons, String policyVersion) {

  public Decision {
    reasons = List.copyOf(reasons);
  }

  public List<ReasonCode> reasonCodes() {
    return reasons.stream().map(Reason::code).toList();
  }
}
