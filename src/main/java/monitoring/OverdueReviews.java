package monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;

/**
 * Review tasks past their due time and not decided, as the escalation route last counted them
 * ({@code prequal_reviews_overdue}). A scrape reads the cached value and never queries.
 */
@Component
@ConditionalOnRole(Role.API)
public class OverdueReviews {

  private volatile long overdue;

  OverdueReviews(MeterRegistry registry) {
    Gauge.builder("prequal.reviews.overdue", this, reviews -> reviews.overdue)
        .description("Review tasks past their due time and not decided")
        .register(registry);
  }

  public void update(long counted) {
    overdue = counted;
  }
}
