package routes.outbox;

import monitoring.StaleApplicationMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.ScheduledErrorHandling;
import routes.shared.SweepLocks;
import store.OldestPending;
import store.StaleSweep;
import store.SweepLock;

/**
 * api: nothing stays PENDING for ever. Each sweep publishes again the event of every application
 * still PENDING well after its event was last published (the consumers are idempotent, so a
 * duplicate is harmless), and records the age of the oldest PENDING application. Every api instance
 * records the age; one at a time re-drives ({@link SweepLocks}), so two instances do not publish
 * the same application twice in one round.
 */
@Component
@ConditionalOnRole(Role.API)
public class StaleApplicationsRoute extends RouteBuilder {

  private final StaleApplicationMetrics metrics;
  private final StaleSweep sweep;

  StaleApplicationsRoute(StaleApplicationMetrics metrics, PrequalProperties properties) {
    this.metrics = metrics;
    this.sweep = new StaleSweep(properties.stale().pendingAge());
  }

  @Override
  public void configure() {
    // @formatter:off
    from("scheduler:stale-applications?delay={{prequal.stale.check-interval-ms}}&synchronous=true")
        .routeId("stale-applications")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .transacted()
        .to("sql:classpath:sql/oldest-pending-age.sql?outputType=SelectOne&outputClass="
            + OldestPending.class.getName())
        .process(this::recordOldestPending)
        .setBody(constant(SweepLock.STALE_APPLICATIONS))
        .to(SweepLocks.TRY_LOCK)
        .filter(SweepLocks::heldElsewhere)
            .log(LoggingLevel.DEBUG, "Another instance is re-driving stale applications: skipped")
            .stop()
        .end()
        .setBody(constant(sweep))
        .to("sql:classpath:sql/redrive-stale-applications.sql?noop=true")
        .process(this::countRedriven)
        .filter(header(SqlConstants.SQL_UPDATE_COUNT).isGreaterThan(0))
            .log(LoggingLevel.WARN,
                "Published again ${header." + SqlConstants.SQL_UPDATE_COUNT + "} stale PENDING application(s)")
        .end();
    // @formatter:on
  }

  private void countRedriven(Exchange exchange) {
    metrics.redriven(
        exchange.getMessage().getHeader(SqlConstants.SQL_UPDATE_COUNT, 0, Integer.class));
  }

  private void recordOldestPending(Exchange exchange) {
    metrics.oldestPending(exchange.getMessage().getBody(OldestPending.class));
  }
}
