package monitoring;

import application.ApplicationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;

/**
 * Counts the decisions the decision route recorded, by outcome ({@code prequal_decisions_total}).
 * Every outcome is registered at zero up front, so a rate exists before the first decision.
 */
@Component
@ConditionalOnRole(Role.DECISION)
public class DecisionMetrics {

  static final String NAME = "prequal.decisions";

  private final Map<ApplicationStatus, Counter> byOutcome = new EnumMap<>(ApplicationStatus.class);

  DecisionMetrics(MeterRegistry registry) {
    for (var status : ApplicationStatus.values()) {
      if (status != ApplicationStatus.PENDING) {
        byOutcome.put(
            status,
            Counter.builder(NAME)
                .description("Decisions recorded, by outcome")
                .tag("outcome", status.name())
                .register(registry));
      }
    }
  }

  public void recorded(ApplicationStatus outcome) {
    byOutcome.get(outcome).increment();
  }
}
