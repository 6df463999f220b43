package routes.review;

import application.ApplicationStatus;
import messages.DecisionEvent;
import monitoring.OverdueReviews;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.DecisionEvents;
import routes.shared.ScheduledErrorHandling;
import routes.shared.SweepLocks;
import store.OverdueCount;
import store.OverdueReview;
import store.OverdueReviewQuery;
import store.RecordedDecision;
import store.ReviewEscalation;
import store.SweepLock;

/**
 * api: every {@code REVIEW_ESCALATION_INTERVAL}, find the review tasks past their due time,
 * escalate each once (a WARN, an audit event and a {@code REVIEW_OVERDUE} event on {@code
 * loan_decisions}), and count the overdue tasks for {@code prequal_reviews_overdue}. Nothing is
 * decided: an overdue task waits for a reviewer, first in the queue. Every api instance counts; one
 * at a time escalates ({@link SweepLocks}): the select and the escalations are one transaction
 * under the lock, so a second instance never works through the same tasks.
 */
@Component
@ConditionalOnRole(Role.API)
public class ReviewEscalationRoute extends RouteBuilder {

  private static final int BATCH = 100;

  private final DecisionEvents decisionEvents;
  private final OverdueReviews overdueReviews;
  private final long intervalMs;

  ReviewEscalationRoute(
      DecisionEvents decisionEvents, OverdueReviews overdueReviews, PrequalProperties properties) {
    this.decisionEvents = decisionEvents;
    this.overdueReviews = overdueReviews;
    this.intervalMs = properties.review().escalationInterval().toMillis();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("timer:review-escalation?period=" + intervalMs)
        .routeId("review-escalation")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .transacted()
        .to("sql:classpath:sql/count-overdue-reviews.sql?outputType=SelectOne&outputClass="
            + OverdueCount.class.getName())
        .process(this::count)
        .setBody(constant(SweepLock.REVIEW_ESCALATION))
        .to(SweepLocks.TRY_LOCK)
        .filter(SweepLocks::heldElsewhere)
            .log(LoggingLevel.DEBUG, "Another instance is escalating overdue reviews: skipped")
            .stop()
        .end()
        .setBody(constant(new OverdueReviewQuery(BATCH)))
        .to("sql:classpath:sql/select-overdue-reviews.sql?outputClass="
            + OverdueReview.class.getName())
        .split(body())
            .process(this::escalation)
            .to("sql:classpath:sql/escalate-review.sql").id("escalate-review")
            .filter(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(1))
                .log(LoggingLevel.WARN, "Review ${body.reviewId} is overdue: escalated")
            .end()
        .end();
    // @formatter:on
  }

  private void escalation(Exchange exchange) {
    var message = exchange.getMessage();
    var overdue = message.getBody(OverdueReview.class);
    var event =
        decisionEvents.row(
            new DecisionEvent(
                DecisionEvent.Type.REVIEW_OVERDUE,
                overdue.applicationId(),
                ApplicationStatus.MANUAL_REVIEW.name(),
                overdue.reasons().stream().map(reason -> reason.code().name()).toList(),
                overdue.policyVersion(),
                overdue.decidedBy(),
                overdue.decidedAt().toInstant(),
                null,
                overdue.reviewId(),
                overdue.dueAt().toInstant()));
    message.setBody(new ReviewEscalation(overdue.reviewId(), RecordedDecision.AUTOMATED, event));
  }

  private void count(Exchange exchange) {
    overdueReviews.update(exchange.getMessage().getBody(OverdueCount.class).overdue());
  }
}
