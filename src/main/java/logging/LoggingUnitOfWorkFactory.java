package logging;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.springframework.stereotype.Component;

/**
 * Camel's unit of work, plus the logging context: the route id while an exchange is in a route, and
 * no leftover ids once it is done. Camel's MDC logging does the same by copying and restoring the
 * whole MDC around every processor, which the benchmark profile showed costing about a quarter of
 * the service's CPU; the routes put their ids once ({@link LogContext}), on the thread that logs
 * them. Camel uses the one {@link UnitOfWorkFactory} bean it finds.
 */
@Component
class LoggingUnitOfWorkFactory implements UnitOfWorkFactory {

  @Override
  public UnitOfWork createUnitOfWork(Exchange exchange) {
    return new LoggingUnitOfWork(exchange);
  }

  private static final class LoggingUnitOfWork extends DefaultUnitOfWork {

    private boolean routed;

    LoggingUnitOfWork(Exchange exchange) {
      super(exchange);
    }

    @Override
    public void pushRoute(Route route) {
      super.pushRoute(route);
      routed = true;
      LogContext.route(route);
    }

    @Override
    public Route popRoute() {
      var popped = super.popRoute();
      // Leaving the outermost route: done() clears the context, unless this is a copy, whose
      // parent is still in its route.
      var current = getRoute();
      if (current != null) {
        LogContext.route(current);
      }
      return popped;
    }

    @Override
    public void done(Exchange exchange) {
      super.done(exchange);
      // Copies made inside a route (the circuit breaker runs one) end before their parent does, and
      // so does a send from a route's step straight to an endpoint (a dead letter), in no route.
      if (routed && !isCopy(exchange)) {
        LogContext.clear();
      }
    }

    private static boolean isCopy(Exchange exchange) {
      var parentId = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID, String.class);
      return parentId != null && !parentId.equals(exchange.getExchangeId());
    }
  }
}
