package routes;

import monitoring.ConsumerLagMonitor;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * credit and decision roles: log the lag of this process's consumer groups per partition every
 * {@code prequal.monitoring.lag-interval}, and warn about each partition above {@code
 * prequal.monitoring.lag-warn-threshold}. An unreachable broker costs one warning per interval.
 */
@Component
public class ConsumerLagMonitorRoute extends RouteBuilder {

  private final ConsumerLagMonitor consumerLag;
  private final PrequalProperties.Monitoring settings;

  ConsumerLagMonitorRoute(ConsumerLagMonitor consumerLag, PrequalProperties properties) {
    this.consumerLag = consumerLag;
    this.settings = properties.monitoring();
  }

  @Override
  public void configure() {
    if (!consumerLag.watchesAnyGroup()) {
      return;
    }

    onException(Exception.class)
        .handled(true)
        .log(LoggingLevel.WARN, "Could not measure consumer lag: ${exception.message}");

    from("timer:consumer-lag-monitor?period=" + settings.lagInterval().toMillis())
        .routeId("consumer-lag-monitor")
        .bean(consumerLag, "measure")
        .log("Consumer lag by partition: ${body}")
        .split(method(consumerLag, "aboveThreshold"))
        .log(
            LoggingLevel.WARN,
            "Consumer lag above " + settings.lagWarnThreshold() + " records: ${body}");
  }
}
