package resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The circuit breakers of the routes' circuit-breaker EIPs, found by node id when their route has
 * started and before its consumer takes a message: their state changes are logged and exposed as
 * the gauge {@code prequal.circuit.breaker.state} (0 closed, 1 half-open, 2 open), and routes can
 * ask whether one is letting calls through before doing work that would only be thrown away.
 *
 * <p>The {@code decision-database} breaker counts only the failures that say the database is
 * unavailable ({@link DatabaseFailure#UNAVAILABLE}) and ignores every other, a message whose data
 * the database refused above all: such a message fails on every retry however healthy the database
 * is. The breaker is rebuilt from the configuration Camel gave it, with that predicate added.
 * Camel's own {@code record-exceptions} and {@code ignore-exceptions} cannot do it: they match
 * exception classes, not the SQLState of a cause, and Camel clears the exception of an ignored or
 * unrecorded failure, so the exchange would carry on as if the update had succeeded and commit its
 * offset.
 */
@Component
public class CircuitBreakers implements CamelContextConfiguration {

  public static final String DECISION_DATABASE = "decision-database";
  public static final String OUTBOX_PUBLISHING = "outbox-publishing";

  private static final List<String> NAMES = List.of(DECISION_DATABASE, OUTBOX_PUBLISHING);

  /** The failures a breaker counts neither as a failure nor as a success. */
  private static final Map<String, Predicate<Throwable>> IGNORED =
      Map.of(
          DECISION_DATABASE, failure -> DatabaseFailure.of(failure) != DatabaseFailure.UNAVAILABLE);

  private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

  private final MeterRegistry meterRegistry;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  CircuitBreakers(MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    // Camel starts a route's processors, then tells its lifecycle strategies, and only then starts
    // the consumers: a breaker replaced here has seen no call yet.
    camelContext.addLifecycleStrategy(
        new LifecycleStrategySupport() {
          @Override
          public void onRoutesAdd(Collection<Route> routes) {
            routes.forEach(CircuitBreakers.this::adopt);
          }
        });
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {
    // every breaker was adopted as its route started
  }

  /** True unless the named breaker is open; a breaker this process does not run never blocks. */
  public boolean permitsCalls(String name) {
    var breaker = breakers.get(name);
    return breaker == null || breaker.getState() != CircuitBreaker.State.OPEN;
  }

  private void adopt(Route route) {
    for (var name : NAMES) {
      for (var processor : route.filter(name)) {
        if (processor instanceof ResilienceProcessor resilience) {
          // A restarted route gets the same breaker back, with its state and its gauge.
          resilience.setCircuitBreaker(
              breakers.computeIfAbsent(
                  name, key -> watch(key, ignoring(key, resilience.getCircuitBreaker()))));
        }
      }
    }
  }

  private static CircuitBreaker ignoring(String name, CircuitBreaker configured) {
    var ignored = IGNORED.get(name);
    if (ignored == null) {
      return configured;
    }
    return CircuitBreaker.of(
        name,
        CircuitBreakerConfig.from(configured.getCircuitBreakerConfig())
            .ignoreException(ignored)
            .build());
  }

  private CircuitBreaker watch(String name, CircuitBreaker breaker) {
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
    return breaker;
  }

  private static double stateValue(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> 0;
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
    };
  }
}
