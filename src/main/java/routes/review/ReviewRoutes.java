package routes.review;

import application.ApplicationIds;
import application.ApplicationStatus;
import application.FieldError;
import application.InvalidApplicationException;
import decision.DecisionPolicy;
import decision.Reason;
import decision.ReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import messages.DecisionEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import review.FourEyesRule;
import review.ReviewState;
import review.ReviewerDecision;
import routes.shared.DecisionEvents;
import routes.shared.RestErrorHandling;
import store.DecisionEventRow;
import store.ReviewClaim;
import store.ReviewQueueQuery;
import store.ReviewStep;
import store.ReviewTaskLookup;
import store.ReviewTaskRow;
import web.AccessDeniedException;
import web.ConflictException;
import web.CorrelationIds;
import web.JsonRequestReader;
import web.ResourceNotFoundException;
import web.ReviewTaskView;
import web.StaffMember;

/**
 * The reviewers' queue and the steps of a review: claim, decide, confirm. Each step is one guarded
 * statement that applies only if the task is still where the step found it, so of two reviewers
 * racing for a task, or a decision racing a lapsed claim, exactly one wins; the other is told why
 * with a 409, read back from the task.
 */
@Component
@ConditionalOnRole(Role.API)
public class ReviewRoutes extends RouteBuilder {

  private static final String TASK = "reviewTask";
  private static final String STEP = "reviewStep";
  private static final String PROPOSAL = "proposal";
  private static final String APPLIED = "reviewStepApplied";
  private static final String REVIEW_ID = "review_id";
  private static final int QUEUE_LIMIT = 200;

  private final JsonRequestReader jsonRequestReader;
  private final DecisionEvents decisionEvents;
  private final DecisionPolicy policy;
  private final Clock clock;
  private final Duration claimTimeout;
  private final FourEyesRule fourEyes;

  ReviewRoutes(
      JsonRequestReader jsonRequestReader,
      DecisionEvents decisionEvents,
      DecisionPolicy policy,
      Clock clock,
      PrequalProperties properties) {
    this.jsonRequestReader = jsonRequestReader;
    this.decisionEvents = decisionEvents;
    this.policy = policy;
    this.clock = clock;
    this.claimTimeout = properties.review().claimTimeout();
    this.fourEyes = new FourEyesRule(properties.review().fourEyesAboveInr());
  }

  @Override
  public void configure() {
    // @formatter:off
    from("direct:listReviews")
        .routeId("review-queue")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(ReviewRoutes::queueQuery)
        .to("sql:classpath:sql/select-review-queue.sql?outputClass=" + ReviewTaskRow.class.getName())
        .process(ReviewRoutes::queue)
        .marshal().json();

    from("direct:claimReview")
        .routeId("review-claim")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(this::claim)
        .to("sql:classpath:sql/claim-review.sql").id("claim-review")
        .to("direct:answerReviewTask");

    from("direct:decideReview")
        .routeId("review-decision")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(this::readDecision)
        .to("direct:readReviewTask")
        .process(this::decision)
        .choice()
            .when(header(PROPOSAL).isEqualTo(true))
                .to("sql:classpath:sql/propose-review.sql").id("propose-review")
            .otherwise()
                .to("sql:classpath:sql/decide-review.sql").id("decide-review")
        .end()
        .log("Review ${header." + STEP + ".reviewId}: ${header." + STEP + ".outcome}"
            + " for ${header." + STEP + ".reasonCodes} by ${header." + STEP + ".reviewer}")
        .to("direct:answerReviewTask");

    from("direct:confirmReview")
        .routeId("review-confirmation")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(ReviewRoutes::lookup)
        .to("direct:readReviewTask")
        .process(this::confirmation)
        .to("sql:classpath:sql/confirm-review.sql").id("confirm-review")
        .log("Review ${header." + STEP + ".reviewId}: ${header." + STEP + ".outcome} confirmed"
            + " by ${header." + STEP + ".reviewer}")
        .to("direct:answerReviewTask");

    // The two shared steps leave their failures to the calling route's REST error handling: an
    // error handler of their own would end the exchange there, and the caller would answer a 500.
    from("direct:readReviewTask")
        .routeId("review-task")
        .errorHandler(noErrorHandler())
        .to("sql:classpath:sql/select-review-task.sql?outputType=SelectOne"
            + "&outputClass=" + ReviewTaskRow.class.getName() + "&outputHeader=" + TASK)
        .process(ReviewRoutes::requireTask);

    // Read back after the step: the answer when it applied, the reason for the 409 when it did not.
    from("direct:answerReviewTask")
        .routeId("review-task-answer")
        .errorHandler(noErrorHandler())
        .setHeader(APPLIED, header(SqlConstants.SQL_UPDATE_COUNT))
        .process(ReviewRoutes::lookup)
        .to("direct:readReviewTask")
        .process(ReviewRoutes::answer)
        .marshal().json();
    // @formatter:on
  }

  private static void queueQuery(Exchange exchange) {
    var message = exchange.getMessage();
    var state = message.getHeader("state", String.class);
    var overdue = message.getHeader("overdue", String.class);
    List<ReviewState> states;
    if (state == null) {
      states = List.of(ReviewState.OPEN, ReviewState.CLAIMED, ReviewState.AWAITING_CONFIRMATION);
    } else if (ReviewState.parse(state) != null) {
      states = List.of(ReviewState.parse(state));
    } else {
      throw invalid("state", "must be one of [open, claimed, awaiting_confirmation, done]");
    }
    if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
      throw invalid("overdue", "must be true or false");
    }
    message.setBody(new ReviewQueueQuery(states, "true".equals(overdue), QUEUE_LIMIT));
  }

  @SuppressWarnings("unchecked")
  private static void queue(Exchange exchange) {
    var rows = exchange.getMessage().getBody(List.class);
    exchange
        .getMessage()
        .setBody(
            new ReviewTaskView.Queue(
                ((List<ReviewTaskRow>) rows).stream().map(ReviewTaskView::of).toList()));
  }

  private void claim(Exchange exchange) {
    var message = exchange.getMessage();
    message.setBody(
        new ReviewClaim(
            reviewId(message),
            StaffMember.of(exchange).id(),
            claimTimeout,
            message.getHeader(CorrelationIds.HEADER, String.class)));
  }

  private void readDecision(Exchange exchange) {
    var message = exchange.getMessage();
    var decision =
        ReviewerDecision.parse(
            jsonRequestReader.readObject(
                message.getHeader(Exchange.CONTENT_TYPE, String.class),
                message.getBody(byte[].class)));
    message.setHeader(STEP, decision);
    message.setBody(new ReviewTaskLookup(reviewId(message)));
  }

  /** Only the holder of a live claim decides; an approval above the four-eyes amount proposes. */
  private void decision(Exchange exchange) {
    var message = exchange.getMessage();
    var task = task(exchange);
    var reviewer = StaffMember.of(exchange).id();
    if (task.reviewState() != ReviewState.CLAIMED || !reviewer.equals(task.claimedBy())) {
      throw new ConflictException(
          "Review " + task.reviewId() + " is " + describe(task) + "; claim it before deciding");
    }
    var decision = message.getHeader(STEP, ReviewerDecision.class);
    var proposal = fourEyes.needsConfirmation(decision.outcome(), task.loanAmountInr());
    var decidedAt = clock.instant();
    var correlationId = message.getHeader(CorrelationIds.HEADER, String.class);
    var event =
        proposal
            ? null
            : decided(
                task,
                decision.outcome(),
                decision.reasonCodes(),
                reviewer,
                decidedAt,
                correlationId);
    var step =
        new ReviewStep(
            task.reviewId(),
            reviewer,
            decision.outcome(),
            decision.reasons(),
            decision.note(),
            policy.version(),
            decidedAt,
            correlationId,
            event);
    message.setHeader(PROPOSAL, proposal);
    message.setHeader(STEP, step);
    message.setBody(step);
  }

  /** A second reviewer confirms a proposed approval; the proposer cannot. */
  private void confirmation(Exchange exchange) {
    var message = exchange.getMessage();
    var task = task(exchange);
    var reviewer = StaffMember.of(exchange).id();
    if (task.reviewState() != ReviewState.AWAITING_CONFIRMATION) {
      throw new ConflictException(
          "Review " + task.reviewId() + " is " + describe(task) + ": nothing to confirm");
    }
    if (reviewer.equals(task.proposedBy())) {
      throw new AccessDeniedException(
          "A second reviewer must confirm the approval " + reviewer + " proposed");
    }
    var outcome = ApplicationStatus.valueOf(task.proposedOutcome());
    var reasons = task.proposedReasonList();
    var decidedAt = clock.instant();
    var correlationId = message.getHeader(CorrelationIds.HEADER, String.class);
    var codes = reasons.stream().map(Reason::code).toList();
    var step =
        new ReviewStep(
            task.reviewId(),
            reviewer,
            outcome,
            reasons,
            task.proposedNote(),
            policy.version(),
            decidedAt,
            correlationId,
            decided(task, outcome, codes, task.proposedBy(), decidedAt, correlationId));
    message.setHeader(STEP, step);
    message.setBody(step);
  }

  private DecisionEventRow decided(
      ReviewTaskRow task,
      ApplicationStatus outcome,
      List<ReasonCode> codes,
      String decidedBy,
      Instant decidedAt,
      String correlationId) {
    return decisionEvents.row(
        new DecisionEvent(
            DecisionEvent.Type.DECIDED,
            task.applicationId(),
            outcome.name(),
            codes.stream().map(ReasonCode::name).toList(),
            policy.version(),
            decidedBy,
            decidedAt,
            correlationId,
            task.reviewId(),
            null));
  }

  /** The guarded statement changed nothing: the task moved on since it was read. */
  private static void answer(Exchange exchange) {
    var message = exchange.getMessage();
    var task = task(exchange);
    if (message.getHeader(APPLIED, 0, Integer.class) != 1) {
      throw new ConflictException("Review " + task.reviewId() + " is " + describe(task));
    }
    message.setBody(ReviewTaskView.of(task));
  }

  private static void lookup(Exchange exchange) {
    var message = exchange.getMessage();
    message.setBody(new ReviewTaskLookup(reviewId(message)));
  }

  private static void requireTask(Exchange exchange) {
    if (exchange.getMessage().getHeader(TASK) == null) {
      throw new ResourceNotFoundException(
          "No review task with id "
              + exchange.getMessage().getBody(ReviewTaskLookup.class).reviewId());
    }
  }

  private static ReviewTaskRow task(Exchange exchange) {
    return exchange.getMessage().getHeader(TASK, ReviewTaskRow.class);
  }

  private static UUID reviewId(Message message) {
    return ApplicationIds.parse(REVIEW_ID, message.getHeader(REVIEW_ID, String.class));
  }

  private static String describe(ReviewTaskRow task) {
    return switch (task.reviewState()) {
      case OPEN -> "not claimed";
      case CLAIMED -> "claimed by " + task.claimedBy() + " until " + task.claimedUntil();
      case AWAITING_CONFIRMATION ->
          "awaiting the confirmation of a reviewer other than " + task.proposedBy();
      case DONE -> "already decided";
    };
  }

  private static InvalidApplicationException invalid(String field, String message) {
    return new InvalidApplicationException(List.of(new FieldError(field, message)));
  }
}
