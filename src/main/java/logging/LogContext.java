package logging;

import org.apache.camel.Route;
import org.slf4j.MDC;
import prequal.Role;

/**
 * The logging context of the exchange a thread is handling: the route, the role and the ids of the
 * application. The routes put the role and the ids; {@link LoggingUnitOfWorkFactory} names the
 * route and clears everything when the exchange is done.
 */
public final class LogContext {

  private LogContext() {}

  public static void service(Role role) {
    MDC.put(JsonLogFormatter.SERVICE, role.serviceName());
  }

  public static void application(Object applicationId, String correlationId) {
    if (applicationId != null) {
      MDC.put(JsonLogFormatter.APPLICATION_ID, applicationId.toString());
    }
    if (correlationId != null) {
      MDC.put(JsonLogFormatter.CORRELATION_ID, correlationId);
    }
  }

  /** After a batch's per-record lines: what the route logs next is about the whole batch. */
  public static void clearApplication() {
    MDC.remove(JsonLogFormatter.APPLICATION_ID);
    MDC.remove(JsonLogFormatter.CORRELATION_ID);
  }

  static void route(Route route) {
    MDC.put(JsonLogFormatter.ROUTE_ID, route.getRouteId());
  }

  static void clear() {
    MDC.remove(JsonLogFormatter.ROUTE_ID);
    MDC.remove(JsonLogFormatter.SERVICE);
    MDC.remove(JsonLogFormatter.APPLICATION_ID);
    MDC.remove(JsonLogFormatter.CORRELATION_ID);
  }
}
