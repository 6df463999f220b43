package monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;

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

  /** Takes the row of {@code sql/select-outbox-backlog.sql}. */
  public void update(Map<String, Object> measured) {
    unpublished = ((Number) measured.get("backlog")).longValue();
    oldestAgeSeconds = ((Number) measured.get("oldest_age_seconds")).doubleValue();
  }
}
