package application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * Applications stuck in PENDING: the parameters of the sweep that publishes their event again, and
 * the metrics that show how many were re-driven and how old the oldest PENDING one is.
 */
@Component
public class StaleApplications {

  private final PrequalProperties properties;
  private final Counter redriven;
  private final AtomicLong oldestPendingSeconds = new AtomicLong();

  StaleApplications(PrequalProperties properties, MeterRegistry meterRegistry) {
    this.properties = properties;
    this.redriven =
        Counter.builder("prequal.applications.redriven")
            .description("PENDING applications whose event was published again")
            .register(meterRegistry);
    Gauge.builder("prequal.applications.pending.oldest.age", oldestPendingSeconds, AtomicLong::get)
        .baseUnit("seconds")
        .description("Age of the oldest PENDING application")
        .register(meterRegistry);
  }

  public Map<String, Object> sweepParameters() {
    return Map.of(
        "pending_age", properties.stale().pendingAge().toSeconds() + " seconds",
        "retention", properties.outbox().retention().toSeconds() + " seconds");
  }

  public void redriven(int count) {
    redriven.increment(count);
  }

  public void oldestPending(Number seconds) {
    oldestPendingSeconds.set(seconds == null ? 0 : seconds.longValue());
  }
}
