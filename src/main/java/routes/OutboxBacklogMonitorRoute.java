package routes;

import monitoring.OutboxBacklog;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;

/**
 * api: measure the outbox backlog every {@code prequal.monitoring.outbox-interval}, with one cheap
 * query, for the gauges that scrapes read.
 */
@Component
@ConditionalOnRole(Role.API)
public class OutboxBacklogMonitorRoute extends RouteBuilder {

  private final OutboxBacklog outboxBacklog;
  private final PrequalProperties.Monitoring settings;

  OutboxBacklogMonitorRoute(OutboxBacklog outboxBacklog, PrequalProperties properties) {
    this.outboxBacklog = outboxBacklog;
    this.settings = properties.monitoring();
  }

  @Override
  public void configure() {
    onException(Exception.class)
        .handled(true)
        .log(LoggingLevel.WARN, "Could not measure the outbox backlog: ${exception.message}");

    from("timer:outbox-backlog-monitor?period=" + settings.outboxInterval().toMillis())
        .routeId("outbox-backlog-monitor")
        .to("sql:classpath:sql/select-outbox-backlog.sql?outputType=SelectOne")
        .bean(outboxBacklog, "update");
  }
}
