package routes;

import application.StaleApplications;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;

/**
 * api: nothing stays PENDING for ever. Each sweep publishes again the event of every application
 * still PENDING well after its event was last published (the consumers are idempotent, so a
 * duplicate is harmless), records the age of the oldest PENDING application, and deletes outbox
 * rows published longer ago than the retention.
 */
@Component
@ConditionalOnRole(Role.API)
public class StaleApplicationsRoute extends RouteBuilder {

  private final StaleApplications staleApplications;

  StaleApplicationsRoute(StaleApplications staleApplications) {
    this.staleApplications = staleApplications;
  }

  @Override
  public void configure() {
    onException(Exception.class)
        .handled(true)
        .log(
            LoggingLevel.WARN,
            "Stale application sweep failed, will run again: ${exception.message}");

    from("scheduler:stale-applications?delay={{prequal.stale.check-interval-ms}}&synchronous=true")
        .routeId("stale-applications")
        .setBody(exchange -> staleApplications.sweepParameters())
        .to("sql:classpath:sql/redrive-stale-applications.sql?noop=true")
        .process(
            exchange ->
                staleApplications.redriven(
                    exchange
                        .getMessage()
                        .getHeader(SqlConstants.SQL_UPDATE_COUNT, 0, Integer.class)))
        .filter(header(SqlConstants.SQL_UPDATE_COUNT).isGreaterThan(0))
        .log(
            LoggingLevel.WARN,
            "Published again ${header.CamelSqlUpdateCount} stale PENDING application(s)")
        .end()
        .to(
            "sql:classpath:sql/oldest-pending-age.sql?noop=true&outputType=SelectOne&outputHeader=oldestPendingSeconds")
        .process(
            exchange ->
                staleApplications.oldestPending(
                    exchange.getMessage().getHeader("oldestPendingSeconds", Number.class)))
        .to("sql:classpath:sql/delete-published-outbox.sql");
  }
}
