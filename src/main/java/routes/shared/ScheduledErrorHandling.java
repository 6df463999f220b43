package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by the scheduled routes (the outbox relay and sweeps, the monitors): a
 * failed run is logged and dropped, and the route runs again at its next tick. Nothing is retried
 * in place, because the next tick is the retry; a greedy scheduler is told the run polled nothing,
 * so it waits for its delay rather than retrying at once, in a tight loop, while a dependency is
 * down.
 */
@Component
public class ScheduledErrorHandling extends RouteConfigurationBuilder {

  public static final String ID = "scheduled-errors";

  @Override
  public void configuration() {
    // @formatter:off
    routeConfiguration(ID)
        .onException(Exception.class)
            .handled(true)
            .log(LoggingLevel.WARN, "${routeId} failed, runs again at its next tick: ${exception.message}")
            .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false));
    // @formatter:on
  }
}
