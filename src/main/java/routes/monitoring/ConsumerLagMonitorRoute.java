package routes.monitoring;

import java.util.List;
import monitoring.ConsumerLagMonitor;
import monitoring.PartitionLag;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.ScheduledErrorHandling;

/**
 * credit and decision roles: log the lag of this process's consumer groups per partition every
 * {@code prequal.monitoring.lag-interval}, and warn about each partition above {@code
 * prequal.monitoring.lag-warn-threshold}. An unreachable broker costs one warning per interval.
 */
@Component
@ConditionalOnRole({Role.CREDIT, Role.DECISION})
public class ConsumerLagMonitorRoute extends RouteBuilder {

  private final ConsumerLagMonitor consumerLag;
  private final PrequalProperties.Monitoring settings;

  ConsumerLagMonitorRoute(ConsumerLagMonitor consumerLag, PrequalProperties properties) {
    this.consumerLag = consumerLag;
    this.settings = properties.monitoring();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("timer:consumer-lag-monitor?period=" + settings.lagInterval().toMillis())
        .routeId("consumer-lag-monitor")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .process(this::measure)
        .log("Consumer lag by partition: ${body}")
        .split().exchange(this::aboveThreshold)
            .log(LoggingLevel.WARN,
                "Consumer lag above " + settings.lagWarnThreshold() + " records: ${body}");
    // @formatter:on
  }

  private void measure(Exchange exchange) throws Exception {
    exchange.getMessage().setBody(consumerLag.measure());
  }

  private List<PartitionLag> aboveThreshold(Exchange exchange) {
    var measured = exchange.getMessage().getBody(List.class);
    return consumerLag.aboveThreshold(measured.stream().map(PartitionLag.class::cast).toList());
  }
}
