package monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import store.OldestPending;

/**
 * Applications stuck in PENDING, as the stale-application sweep finds them: how many had their
 * event published again ({@code prequal_applications_redriven_total}) and how old the oldest
 * PENDING one is ({@code prequal_applications_pending_oldest_age_seconds}).
 */
@Component
@ConditionalOnRole(Role.API)
public class StaleApplicationMetrics {

  private final Counter redriven;
  private final AtomicLong oldestPendingSeconds = new AtomicLong();

  StaleApplicationMetrics(MeterRegistry meterRegistry) {
    this.redriven =
        Counter.builder("prequal.applications.redriven")
            .description("PENDING applications whose event was published again")
            .register(meterRegistry);
    Gauge.builder("prequal.applications.pending.oldest.age", oldestPendingSeconds, AtomicLong::get)
        .baseUnit("seconds")
        .description("Age of the oldest PENDING application")
        .register(meterRegistry);
  }

  public void redriven(int count) {
    redriven.increment(count);
  }

  public void oldestPending(OldestPending oldest) {
    oldestPendingSeconds.set(oldest == null ? 0 : (long) oldest.seconds());
  }
}
