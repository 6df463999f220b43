package monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts the messages sent to the dead-letter topic, by the route that consumed them and the class
 * of the error that made them unprocessable ({@code prequal_dead_letters_total}).
 */
@Component
public class DeadLetterMetrics {

  static final String NAME = "prequal.dead.letters";

  private final MeterRegistry registry;

  DeadLetterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void deadLettered(String route, String errorClass) {
    Counter.builder(NAME)
        .description("Messages sent to the dead-letter topic, by consuming route and error class")
        .tag("route", route)
        .tag("error_class", errorClass)
        .register(registry)
        .increment();
  }
}
