package routes;

import logging.JsonLogFormatter;
import org.slf4j.MDC;

/**
 * Puts the ids of the application being handled into the logging context. Camel copies these MDC
 * keys across threads and clears them when the exchange ends ({@code
 * camel.main.mdc-logging-keys-pattern}).
 */
final class LogContext {

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
}
