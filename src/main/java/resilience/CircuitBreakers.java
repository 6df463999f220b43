package resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The circuit breakers of the routes' circuit-breaker EIPs, found by node id once Camel has
 * started: their state changes are logged and exposed as the gauge {@code
 * prequal.circuit.breaker.state} (0 closed, 1 half-open, 2 open), and routes can ask whether one is
 * letting calls through before doing work that would only be thrown away.
 */
@Component
public class CircuitBreakers implements CamelContextConfiguration {

  public static final String DECISION_DATABASE = "decision-database";
  public static final String OUTBOX_PUBLISHING = "outbox-publishing";

  private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

  private final MeterRegistry meterRegistry;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  CircuitBreakers(MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    // the breakers only exist once the routes have started
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {
    for (var name : new String[] {DECISION_DATABASE, OUTBOX_PUBLISHING}) {
      var processor = camelContext.getProcessor(name, ResilienceProcessor.class);
      if (processor != null) {
        watch(name, processor.getCircuitBreaker());
      }
    }
  }

  /** True unless the named breaker is open; a breaker this process does not run never blocks. */
  public boolean permitsCalls(String name) {
    var breaker = breakers.get(name);
    return breaker == null || breaker.getState() != CircuitBreaker.State.OPEN;
  }

  private void watch(String name, CircuitBreaker breaker) {
    breakers.put(name, breaker);
    breaker
        .getEventPublisher()
        .onStateTransition(
            event ->
                log.atWarn()
                    .addKeyValue("circuit_breaker", name)
                    .addKeyValue("state", event.getStateTransition().getToState().name())
                    .log(
                        "Circuit breaker {} went from {} to {}",
                        name,
                        event.getStateTransition().getFromState(),
                        event.getStateTransition().getToState()));
    Gauge.builder("prequal.circuit.breaker.state", breaker, CircuitBreakers::stateValue)
        .tag("name", name)
        .description("0 closed, 1 half-open, 2 open")
        .register(meterRegistry);
  }

  private static double stateValue(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> 0;
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
    };
  }
}
