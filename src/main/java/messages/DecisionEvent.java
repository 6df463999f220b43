package messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code loan_decisions} message (asyncapi/): a final decision, a hand-off to a reviewer, or a
 * review gone overdue. Keyed by the application id; no PAN, no name. The outcome and the reason
 * codes are the names of the service's own enums, so a consumer needs nothing but this contract.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DecisionEvent(
    Type eventType,
    UUID applicationId,
    String outcome,
    List<String> reasonCodes,
    String policyVersion,
    String decidedBy,
    Instant decidedAt,
    String correlationId,
    UUID reviewId,
    Instant dueAt) {

  public enum Type {
    /** PRE_APPROVED or REJECTED, by the policy or by a reviewer. */
    DECIDED,
    /** MANUAL_REVIEW: a review task was created, due at {@code due_at}. */
    REFERRED_TO_REVIEW,
    /** The review task is past {@code due_at} and still not decided. */
    REVIEW_OVERDUE
  }

  public DecisionEvent {
    reasonCodes = List.copyOf(reasonCodes);
  }
}
