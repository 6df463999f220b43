package logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.util.Map;
import messages.PanMask;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * One JSON object per log line: timestamp, level, service, correlation and application ids,
 * message, and any key-value pairs the caller attached (such as {@code duration_ms}).
 *
 * <p>Every text that leaves here — message, key-value pairs and stack traces, including those of
 * libraries and the database server — goes through {@link PanMask}, so a PAN cannot be printed in
 * full whatever code logged it.
 */
public class JsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  /** MDC keys {@link LogContext} sets; {@code service} names the role that handles the exchange. */
  static final String SERVICE = "service";

  static final String CORRELATION_ID = "correlation_id";
  static final String APPLICATION_ID = "application_id";

  /**
   * Camel's own MDC key for the route id, kept so Camel's MDC logging would fill the same field.
   */
  static final String ROUTE_ID = "camel.routeId";

  private final JsonWriter<ILoggingEvent> writer;

  public JsonLogFormatter(Environment environment) {
    var process = environment.getProperty("prequal.roles", "api,credit,decision");
    this.writer =
        JsonWriter.<ILoggingEvent>of(
                members -> {
                  members.add(
                      "timestamp", event -> Instant.ofEpochMilli(event.getTimeStamp()).toString());
                  members.add("level", event -> event.getLevel().toString());
                  members.add(SERVICE, event -> mdc(event).getOrDefault(SERVICE, process));
                  members
                      .add(CORRELATION_ID, event -> mdc(event).get(CORRELATION_ID))
                      .whenNotNull();
                  members
                      .add(APPLICATION_ID, event -> mdc(event).get(APPLICATION_ID))
                      .whenNotNull();
                  members.add("route_id", event -> mdc(event).get(ROUTE_ID)).whenNotNull();
                  members.add("logger", ILoggingEvent::getLoggerName);
                  members.add("thread", ILoggingEvent::getThreadName);
                  members.add("message", event -> PanMask.mask(event.getFormattedMessage()));
                  members
                      .from(ILoggingEvent::getKeyValuePairs)
                      .whenNotEmpty()
                      .usingPairs(
                          (pairs, pair) -> {
                            for (KeyValuePair kv : pairs) {
                              pair.accept(kv.key, maskedValue(kv.value));
                            }
                          });
                  members
                      .add("exception", event -> event.getThrowableProxy())
                      .whenNotNull()
                      .as(proxy -> PanMask.mask(ThrowableProxyUtil.asString(proxy)));
                })
            .withNewLineAtEnd();
  }

  @Override
  public String format(ILoggingEvent event) {
    return writer.writeToString(event);
  }

  private static Map<String, String> mdc(ILoggingEvent event) {
    var mdc = event.getMDCPropertyMap();
    return mdc == null ? Map.of() : mdc;
  }

  private static Object maskedValue(Object value) {
    return value instanceof Number || value instanceof Boolean || value == null
        ? value
        : PanMask.mask(String.valueOf(value));
  }
}
