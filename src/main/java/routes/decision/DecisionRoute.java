package routes.decision;

import application.ApplicationStatus;
import broker.ConsumerGroups;
import broker.KafkaCommits;
import decision.DecisionPolicy;
import decision.ReasonCode;
import decision.UnknownApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import logging.LogContext;
import messages.CreditReport;
import messages.DecisionEvent;
import monitoring.DecisionMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import resilience.CircuitBreakers;
import routes.shared.ConsumedMessages;
import routes.shared.ConsumerErrorHandling;
import routes.shared.DecisionEvents;
import store.RecordedDecision;
import store.RecordedDecision.ReviewReferral;
import store.ScoredApplication;
import store.StoredApplication;

/**
 * decision-service: decide each credit report and record the outcome with its reasons and policy
 * version. Only the score comes from the report; income and loan amount come from the stored
 * application, so whoever can write to the topic cannot choose the outcome. The update applies only
 * while the application is PENDING, in the same statement as its audit event, its {@code
 * loan_decisions} event in the outbox (published by the api role's relay) and, for MANUAL_REVIEW,
 * its review task, so a duplicate or concurrent report changes nothing. The offset is committed
 * after the database commit.
 *
 * <p>Both statements run behind the {@code decision-database} circuit breaker. While it is open the
 * consumer holds its record uncommitted and waits (see {@link ConsumerErrorHandling}): an outage
 * never sends a report to the dead-letter topic, and a report the database refuses never opens the
 * breaker.
 */
@Component
@ConditionalOnRole(Role.DECISION)
public class DecisionRoute extends RouteBuilder {

  static final String STORED = "storedApplication";

  private final DecisionPolicy policy;
  private final DecisionEvents decisionEvents;
  private final DecisionMetrics decisionMetrics;
  private final Clock clock;
  private final Duration reviewSla;

  DecisionRoute(
      DecisionPolicy policy,
      DecisionEvents decisionEvents,
      DecisionMetrics decisionMetrics,
      Clock clock,
      PrequalProperties properties) {
    this.policy = policy;
    this.decisionEvents = decisionEvents;
    this.decisionMetrics = decisionMetrics;
    this.clock = clock;
    this.reviewSla = properties.review().sla();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("kafka:{{prequal.topics.credit-reports.name}}?groupId=" + ConsumerGroups.DECISION)
        .routeId("decision")
        .routeConfigurationId(ConsumerErrorHandling.ID)
        .process(exchange -> LogContext.service(Role.DECISION))
        .unmarshal().json(CreditReport.class)
        .process(ConsumedMessages::requireBody)
        .process(DecisionRoute::score)
        // Camel leaves a circuit breaker out of the route's error handling unless told otherwise:
        // its failures would fail the exchange unseen by ConsumerErrorHandling.
        .circuitBreaker().inheritErrorHandler(true)
            .id(CircuitBreakers.DECISION_DATABASE)
            .configuration(CircuitBreakers.DECISION_DATABASE)
            .to("sql:classpath:sql/select-application-for-decision.sql?outputType=SelectOne"
                + "&outputClass=" + StoredApplication.class.getName()
                + "&outputHeader=" + STORED).id("read-application")
            .filter(DecisionRoute::isPending)
                .process(this::decide)
                .to("sql:classpath:sql/apply-decision.sql").id("record-decision")
            .end()
        .end()
        .choice()
            .when(header(STORED).isNull())
                .throwException(UnknownApplicationException.class, "No application ${body.id}")
            .when(DecisionRoute::isDecidedAlready)
                .log("Duplicate credit report ignored: already ${header." + STORED + ".status}")
            .when(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(1))
                .log("Decided: ${body.status} (CIBIL ${body.cibilScore}) for ${body.decision.reasonCodes}"
                    + " under ${body.decision.policyVersion}")
                .process(this::countDecision)
            .otherwise()
                .log("Duplicate credit report ignored: a concurrent report decided it first")
        .end()
        .process(KafkaCommits::commit);
    // @formatter:on
  }

  // Plain calls: bean binding with a parameter expression goes through the simple language and
  // reflection on every record.

  private static void score(Exchange exchange) {
    var message = exchange.getMessage();
    var report = message.getBody(CreditReport.class);
    LogContext.application(report.applicationId(), report.correlationId());
    message.setBody(
        new ScoredApplication(report.applicationId(), report.cibilScore(), report.correlationId()));
  }

  private static boolean isPending(Exchange exchange) {
    var stored = exchange.getMessage().getHeader(STORED, StoredApplication.class);
    return stored != null && stored.status() == ApplicationStatus.PENDING;
  }

  private static boolean isDecidedAlready(Exchange exchange) {
    var stored = exchange.getMessage().getHeader(STORED, StoredApplication.class);
    return stored != null && stored.status() != ApplicationStatus.PENDING;
  }

  private void decide(Exchange exchange) {
    var message = exchange.getMessage();
    var scored = message.getBody(ScoredApplication.class);
    var stored = message.getHeader(STORED, StoredApplication.class);
    var decision =
        policy.decide(scored.cibilScore(), stored.monthlyIncomeInr(), stored.loanAmountInr());
    var decidedAt = clock.instant();
    var referral =
        decision.outcome() == ApplicationStatus.MANUAL_REVIEW
            ? new ReviewReferral(UUID.randomUUID(), decidedAt.plus(reviewSla))
            : null;
    var event =
        decisionEvents.row(
            new DecisionEvent(
                referral == null
                    ? DecisionEvent.Type.DECIDED
                    : DecisionEvent.Type.REFERRED_TO_REVIEW,
                scored.id(),
                decision.outcome().name(),
                decision.reasonCodes().stream().map(ReasonCode::name).toList(),
                decision.policyVersion(),
                RecordedDecision.AUTOMATED,
                decidedAt,
                scored.correlationId(),
                referral == null ? null : referral.reviewId(),
                referral == null ? null : referral.dueAt()));
    message.setBody(
        new RecordedDecision(
            scored.id(),
            decision,
            scored.cibilScore(),
            scored.correlationId(),
            decidedAt,
            referral,
            event));
  }

  private void countDecision(Exchange exchange) {
    decisionMetrics.recorded(exchange.getMessage().getBody(RecordedDecision.class).status());
  }
}
