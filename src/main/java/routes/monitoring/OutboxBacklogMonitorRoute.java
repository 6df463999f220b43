package routes.monitoring;

import monitoring.OutboxBacklog;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.ScheduledErrorHandling;
import store.OutboxBacklogReading;

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
    // @formatter:off
    from("timer:outbox-backlog-monitor?period=" + settings.outboxInterval().toMillis())
        .routeId("outbox-backlog-monitor")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .to("sql:classpath:sql/select-outbox-backlog.sql?outputType=SelectOne&outputClass="
            + OutboxBacklogReading.class.getName())
        .process(this::update);
    // @formatter:on
  }

  private void update(Exchange exchange) {
    outboxBacklog.update(exchange.getMessage().getBody(OutboxBacklogReading.class));
  }
}
