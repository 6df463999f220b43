package routes;

import logging.JsonLogFormatter;
import org.apache.camel.Route;
import org.slf4j.MDC;

/**
 * The logging context of the exchange a thread is handling: the route, the role and the ids of the
 * application. The routes put the ids; {@link LoggingUnitOfWorkFactory} names the route and clears
 * everything when the exchange is done.
 */
final class LogContext {

  /** Camel's own key for the route id, which the JSON log format reads. */
  static final String ROUTE_ID = "camel.routeId";

  private LogContext() {}

  static void service(String service) {
    MDC.put(JsonLogFormatter.SERVICE, service);
  }

  static void application(Object applicationId, String correlationId) {
    if (applicationId != null) {
      MDC.put(JsonLogFormatter.APPLICATION_ID, applicationId.toString());
    }
    if (correlationId != null) {
      MDC.put(JsonLogFormatter.CORRELATION_ID, correlationId);
    }
  }

  static void route(Route route) {
    MDC.put(ROUTE_ID, route.getRouteId());
  }

  static void clear() {
    MDC.remove(ROUTE_ID);
    MDC.remove(JsonLogFormatter.SERVICE);
    MDC.remove(JsonLogFormatter.APPLICATION_ID);
    MDC.remove(JsonLogFormatter.CORRELATION_ID);
  }
}
