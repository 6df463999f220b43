package routes.decision;

import application.ApplicationStatus;
import broker.ConsumerGroups;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import decision.DecisionPolicy;
import decision.ReasonCode;
import decision.UnknownApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import logging.LogContext;
import messages.CreditReport;
import messages.DecisionEvent;
import monitoring.DecisionMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import resilience.CircuitBreakers;
import resilience.DatabaseFailure;
import routes.shared.ConsumedBatch;
import routes.shared.ConsumerErrorHandling;
import routes.shared.DeadLetters;
import routes.shared.DecisionEvents;
import store.DecidedApplication;
import store.RecordedDecision;
import store.RecordedDecision.ReviewReferral;
import store.RecordedDecisions;
import store.ReportedApplications;
import store.StoredApplication;

/**
 * decision-service: decide a poll's credit reports and record every outcome, with its reasons and
 * policy version, in one statement and one commit. Only the score comes from a report; income and
 * loan amount come from the stored application, so whoever can write to the topic cannot choose the
 * outcome. Each update applies only while the application is PENDING, in the same statement as its
 * audit event, its {@code loan_decisions} event in the outbox (published by the api role's relay)
 * and, for MANUAL_REVIEW, its review task; the statement answers with the applications it decided,
 * so a duplicate or concurrent report changes nothing and is told apart. The partitions are
 * committed after the database commit.
 *
 * <p>A report that can never be decided (unreadable, for an unknown application) is dead-lettered
 * on its own, the rest of its batch decided. When the database refuses a batch's data, its
 * decisions are recorded one at a time to find the ones it refuses, which are dead-lettered.
 *
 * <p>Both statements run behind the {@code decision-database} circuit breaker. While it is open the
 * consumer holds its batch uncommitted and waits (see {@link ConsumerErrorHandling}): an outage
 * never sends a report to the dead-letter topic, and data the database refuses never opens the
 * breaker.
 */
@Component
@ConditionalOnRole(Role.DECISION)
public class DecisionRoute extends RouteBuilder {

  static final String STORED = "storedApplications";
  static final String DECIDED = "decidedApplications";
  static final String RECORD_DECISIONS =
      "sql:classpath:sql/apply-decisions.sql?outputType=SelectList&outputClass="
          + DecidedApplication.class.getName()
          + "&outputHeader="
          + DECIDED;

  static final String ROUTE_ID = "decision";

  /** Named like the route's own log lines. */
  private static final Logger LOG = LoggerFactory.getLogger(ROUTE_ID);

  private final DecisionPolicy policy;
  private final DecisionEvents decisionEvents;
  private final DecisionMetrics decisionMetrics;
  private final DeadLetters deadLetters;
  private final ProducerTemplate statements;
  private final ObjectReader reports;
  private final Clock clock;
  private final Duration reviewSla;

  DecisionRoute(
      DecisionPolicy policy,
      DecisionEvents decisionEvents,
      DecisionMetrics decisionMetrics,
      DeadLetters deadLetters,
      ProducerTemplate statements,
      ObjectMapper objectMapper,
      Clock clock,
      PrequalProperties properties) {
    this.policy = policy;
    this.decisionEvents = decisionEvents;
    this.decisionMetrics = decisionMetrics;
    this.deadLetters = deadLetters;
    this.statements = statements;
    this.reports = objectMapper.readerFor(CreditReport.class);
    this.clock = clock;
    this.reviewSla = properties.review().sla();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("kafka:{{prequal.topics.credit-reports.name}}?batching=true&groupId=" + ConsumerGroups.DECISION)
        .routeId(ROUTE_ID)
        .routeConfigurationId(ConsumerErrorHandling.ID)
        .process(exchange -> LogContext.service(Role.DECISION))
        .process(this::readReports)
        .filter(DecisionRoute::hasReports)
            // Camel leaves a circuit breaker out of the route's error handling unless told
            // otherwise: its failures would fail the exchange unseen by ConsumerErrorHandling.
            .circuitBreaker().inheritErrorHandler(true)
                .id(CircuitBreakers.DECISION_DATABASE)
                .configuration(CircuitBreakers.DECISION_DATABASE)
                .to("sql:classpath:sql/select-applications-for-decision.sql?outputType=SelectList"
                    + "&outputClass=" + StoredApplication.class.getName()
                    + "&outputHeader=" + STORED).id("read-applications")
                .process(this::decide)
                .filter(DecisionRoute::hasDecisions)
                    .doTry()
                        .to(RECORD_DECISIONS).id("record-decisions")
                    .doCatch(Exception.class).onWhen(DecisionRoute::isRefusedData)
                        .log("The database refused a batch's data: recording its decisions one at a time")
                        .process(this::recordOneAtATime)
                    .end()
                .end()
            .end()
        .end()
        .process(deadLetters::send)
        .process(this::reportOutcomes)
        .process(ConsumedBatch::commit);
    // @formatter:on
  }

  /** The batch's reports; the body names their applications, each once. */
  private void readReports(Exchange exchange) {
    ConsumedBatch<CreditReport> batch = ConsumedBatch.read(exchange, reports, CreditReport.class);
    var ids = new LinkedHashSet<UUID>();
    batch.messages().forEach(consumed -> ids.add(consumed.message().applicationId()));
    exchange.getMessage().setBody(new ReportedApplications(ids));
  }

  private static boolean hasReports(Exchange exchange) {
    return !exchange.getMessage().getBody(ReportedApplications.class).ids().isEmpty();
  }

  private static boolean hasDecisions(Exchange exchange) {
    return !exchange.getMessage().getBody(RecordedDecisions.class).isEmpty();
  }

  /**
   * Decides each PENDING application from its stored amounts and its first report in the batch. A
   * report for an application that does not exist is set aside as poison; one for an application
   * decided already, or a second one in the batch, is left out and ignored.
   */
  private void decide(Exchange exchange) {
    var message = exchange.getMessage();
    ConsumedBatch<CreditReport> batch = ConsumedBatch.of(exchange);
    @SuppressWarnings("unchecked")
    Map<UUID, StoredApplication> stored =
        ((List<StoredApplication>) message.getHeader(STORED, List.class))
            .stream().collect(Collectors.toMap(StoredApplication::id, Function.identity()));
    var decisions = new ArrayList<RecordedDecision>();
    var decided = new HashSet<UUID>();
    for (var consumed : List.copyOf(batch.messages())) {
      var report = consumed.message();
      var application = stored.get(report.applicationId());
      if (application == null) {
        batch.setAside(
            consumed, new UnknownApplicationException("No application " + report.applicationId()));
      } else if (application.status() == ApplicationStatus.PENDING
          && decided.add(application.id())) {
        decisions.add(decide(report, application));
      }
    }
    message.setBody(new RecordedDecisions(decisions));
  }

  private RecordedDecision decide(CreditReport report, StoredApplication stored) {
    var decision =
        policy.decide(report.cibilScore(), stored.monthlyIncomeInr(), stored.loanAmountInr());
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
                report.applicationId(),
                decision.outcome().name(),
                decision.reasonCodes().stream().map(ReasonCode::name).toList(),
                decision.policyVersion(),
                RecordedDecision.AUTOMATED,
                decidedAt,
                report.correlationId(),
                referral == null ? null : referral.reviewId(),
                referral == null ? null : referral.dueAt()));
    return new RecordedDecision(
        report.applicationId(),
        decision,
        report.cibilScore(),
        report.correlationId(),
        decidedAt,
        referral,
        event);
  }

  private static boolean isRefusedData(Exchange exchange) {
    var failure =
        exchange.getException() != null
            ? exchange.getException()
            : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    return DatabaseFailure.of(failure) == DatabaseFailure.REFUSED_DATA;
  }

  /**
   * Records the batch's decisions one statement each, setting aside the reports of the ones the
   * database refuses. Any other failure fails the step, to be retried as a whole: the decisions
   * recorded already change nothing the second time.
   */
  private void recordOneAtATime(Exchange exchange) throws Exception {
    ConsumedBatch<CreditReport> batch = ConsumedBatch.of(exchange);
    var recorded = exchange.getMessage().getBody(RecordedDecisions.class);
    var decided = new ArrayList<DecidedApplication>();
    for (var decision : recorded.decisions()) {
      var single =
          statements.send(
              RECORD_DECISIONS,
              one -> one.getMessage().setBody(new RecordedDecisions(List.of(decision))));
      var failure = single.getException();
      if (failure == null) {
        decided.addAll(decidedBy(single));
      } else if (DatabaseFailure.of(failure) == DatabaseFailure.REFUSED_DATA) {
        List.copyOf(batch.messages()).stream()
            .filter(consumed -> consumed.message().applicationId().equals(decision.id()))
            .forEach(consumed -> batch.setAside(consumed, failure));
      } else {
        throw failure;
      }
    }
    exchange.getMessage().setHeader(DECIDED, decided);
  }

  @SuppressWarnings("unchecked")
  private static List<DecidedApplication> decidedBy(Exchange statement) {
    List<DecidedApplication> rows = statement.getMessage().getHeader(DECIDED, List.class);
    return rows == null ? List.of() : rows;
  }

  /** Logs and counts each decision the statement made, and each report that changed nothing. */
  private void reportOutcomes(Exchange exchange) {
    ConsumedBatch<CreditReport> batch = ConsumedBatch.of(exchange);
    Set<UUID> decided = new HashSet<>();
    decidedBy(exchange).forEach(row -> decided.add(row.id()));
    var decisions =
        exchange.getMessage().getBody() instanceof RecordedDecisions recorded
            ? recorded.decisions().stream()
                .collect(Collectors.toMap(RecordedDecision::id, Function.identity()))
            : Map.<UUID, RecordedDecision>of();
    for (var consumed : batch.messages()) {
      var report = consumed.message();
      LogContext.application(report.applicationId(), report.correlationId());
      var decision = decisions.get(report.applicationId());
      if (decision != null && decided.remove(report.applicationId())) {
        LOG.info(
            "Decided: {} (CIBIL {}) for {} under {}",
            decision.status(),
            decision.cibilScore(),
            decision.decision().reasonCodes(),
            decision.decision().policyVersion());
        decisionMetrics.recorded(decision.status());
      } else {
        LOG.info("Duplicate credit report ignored: its application was decided already");
      }
    }
    LogContext.clearApplication();
  }
}
