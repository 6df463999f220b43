package routes.decision;

import broker.ConsumerGroups;
import broker.KafkaCommits;
import decision.DecisionPolicy;
import decision.UnknownApplicationException;
import logging.LogContext;
import messages.CreditReport;
import monitoring.DecisionMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import resilience.CircuitBreakers;
import routes.shared.ConsumerErrorHandling;
import store.RecordedDecision;

/**
 * decision-service: decide each credit report and record the outcome. The update applies only while
 * the application is PENDING, in the same statement as its audit event, so a duplicate or
 * concurrent report changes nothing. The offset is committed after the database commit.
 *
 * <p>The update runs behind the {@code decision-database} circuit breaker. While it is open the
 * consumer holds its record uncommitted and waits (see {@link ConsumerErrorHandling}): an outage
 * never sends a report to the dead-letter topic.
 */
@Component
@ConditionalOnRole(Role.DECISION)
public class DecisionRoute extends RouteBuilder {

  static final String CURRENT_STATUS = "currentStatus";

  private final DecisionPolicy policy = new DecisionPolicy();
  private final DecisionMetrics decisionMetrics;

  DecisionRoute(DecisionMetrics decisionMetrics) {
    this.decisionMetrics = decisionMetrics;
  }

  @Override
  public void configure() {
    // @formatter:off
    from("kafka:{{prequal.topics.credit-reports.name}}?groupId=" + ConsumerGroups.DECISION)
        .routeId("decision")
        .routeConfigurationId(ConsumerErrorHandling.ID)
        .process(exchange -> LogContext.service(Role.DECISION))
        .unmarshal().json(CreditReport.class)
        .process(this::decide)
        .circuitBreaker()
            .id(CircuitBreakers.DECISION_DATABASE)
            .configuration(CircuitBreakers.DECISION_DATABASE)
            .to("sql:classpath:sql/apply-decision.sql").id("record-decision")
        .end()
        .choice()
            .when(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(1))
                .log("Decided: ${body.status} (CIBIL ${body.cibilScore})")
                .process(this::countDecision)
            .otherwise()
                .to("sql:classpath:sql/select-status-for-decision.sql?outputType=SelectOne"
                    + "&outputHeader=" + CURRENT_STATUS).id("read-current-status")
                .choice()
                    .when(header(CURRENT_STATUS).isNull())
                        .throwException(UnknownApplicationException.class, "No application ${body.id}")
                    .otherwise()
                        .log("Duplicate credit report ignored: already ${header." + CURRENT_STATUS + "}")
                .end()
        .end()
        .process(KafkaCommits::commit);
    // @formatter:on
  }

  // Plain calls: bean binding with a parameter expression goes through the simple language and
  // reflection on every record.

  private void decide(Exchange exchange) {
    var message = exchange.getMessage();
    var report = message.getBody(CreditReport.class);
    LogContext.application(report.applicationId(), report.correlationId());
    var outcome =
        policy.decide(report.cibilScore(), report.monthlyIncomeInr(), report.loanAmountInr());
    message.setBody(
        new RecordedDecision(
            report.applicationId(), outcome, report.cibilScore(), report.correlationId()));
  }

  private void countDecision(Exchange exchange) {
    decisionMetrics.recorded(exchange.getMessage().getBody(RecordedDecision.class).status());
  }
}
