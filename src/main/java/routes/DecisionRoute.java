package routes;

import credit.CreditReport;
import decision.Decisions;
import decision.UnknownApplicationException;
import java.util.Map;
import monitoring.DecisionMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.ConsumerGroups;
import prequal.Role;
import resilience.CircuitBreakers;

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

  private final Decisions decisions;
  private final DecisionMetrics decisionMetrics;

  DecisionRoute(Decisions decisions, DecisionMetrics decisionMetrics) {
    this.decisions = decisions;
    this.decisionMetrics = decisionMetrics;
  }

  @Override
  public void configure() {
    from("kafka:{{prequal.topics.credit-reports.name}}?groupId=" + ConsumerGroups.DECISION)
        .routeId("decision")
        .routeConfigurationId(ConsumerErrorHandling.ID)
        .process(exchange -> LogContext.service("decision-service"))
        .unmarshal()
        .json(CreditReport.class)
        .process(this::decide)
        .circuitBreaker()
        .id(CircuitBreakers.DECISION_DATABASE)
        .configuration(CircuitBreakers.DECISION_DATABASE)
        .to("sql:classpath:sql/apply-decision.sql")
        .end()
        .choice()
        .when(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(1))
        .log("Decided: ${body[status]} (CIBIL ${body[cibil_score]})")
        .process(this::countDecision)
        .otherwise()
        .to(
            "sql:classpath:sql/select-status-for-decision.sql?outputType=SelectOne&outputHeader=currentStatus")
        .choice()
        .when(header("currentStatus").isNull())
        .throwException(UnknownApplicationException.class, "No application ${body[id]}")
        .otherwise()
        .log("Duplicate credit report ignored: already ${header.currentStatus}")
        .end()
        .end()
        .process(ConsumerErrorHandling::commitOffset);
  }

  // Plain calls: bean binding with a parameter expression goes through the simple language and
  // reflection on every record.

  private void decide(Exchange exchange) {
    var message = exchange.getMessage();
    var report = message.getBody(CreditReport.class);
    LogContext.application(report.applicationId(), report.correlationId());
    message.setBody(decisions.decide(report));
  }

  private void countDecision(Exchange exchange) {
    decisionMetrics.recorded((String) exchange.getMessage().getBody(Map.class).get("status"));
  }
}
