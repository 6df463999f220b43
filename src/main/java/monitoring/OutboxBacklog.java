package monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import store.OutboxBacklogReading;

/**
 * The outbox rows not yet published and the age of the oldest, as last measured by the
 * outbox-backlog-monitor route. A scrape reads these cached values and never queries the database.
 */
@Component
@ConditionalOnRole(Role.API)
public class OutboxBacklog {

  private volatile long unpublished;
  private volatile double oldestAgeSeconds;

  OutboxBacklog(MeterRegistry registry) {
    Gauge.builder("prequal.outbox.backlog", this, backlog -> backlog.unpublished)
        .description("Outbox rows not yet published to Kafka")
        .register(registry);
    Gauge.builder(
            "prequal.outbox.oldest.unpublished.age", this, backlog -> backlog.oldestAgeSeconds)
        .description("Age of the oldest outbox row not yet published to Kafka (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  public void update(OutboxBacklogReading measured) {
    unpublished = measured.backlog();
    oldestAgeSeconds = measured.oldestAgeSeconds();
  }
}
