package web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import store.ReviewTaskRow;

/** A review task as a reviewer sees it in the queue and in the answer to each step. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewTaskView(
    UUID reviewId,
    UUID applicationId,
    String loanType,
    @JsonFormat(shape = JsonFormat.Shape.NUMBER) BigDecimal loanAmountInr,
    OffsetDateTime dueAt,
    boolean overdue,
    String claimedBy,
    OffsetDateTime claimedUntil,
    String state,
    String proposedOutcome,
    String proposedBy) {

  public static ReviewTaskView of(ReviewTaskRow row) {
    return new ReviewTaskView(
        row.reviewId(),
        row.applicationId(),
        row.loanType(),
        row.loanAmountInr(),
        row.dueAt(),
        row.overdue(),
        row.claimedBy(),
        row.claimedUntil(),
        row.state(),
        row.proposedOutcome(),
        row.proposedBy());
  }

  /** The answer of {@code GET /reviews}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Queue(List<ReviewTaskView> reviews) {}
}
