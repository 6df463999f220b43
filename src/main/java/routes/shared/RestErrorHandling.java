package routes.shared;

import application.InvalidApplicationException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import logging.LogContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.util.ObjectHelper;
import org.apache.kafka.common.KafkaException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import prequal.Role;
import web.AccessDeniedException;
import web.ConflictException;
import web.CorrelationIds;
import web.ErrorResponse;
import web.MalformedRequestException;
import web.ResourceNotFoundException;
import web.UnauthorizedException;
import web.UnsupportedMediaTypeException;
import web.ValidationErrorResponse;

/**
 * What every REST route shares: the correlation id on the way in, one JSON error shape for every
 * failure, and only the intended headers on the way out. Nothing a client sends can produce a stack
 * trace, a class name or SQL in a response.
 */
@Component
public class RestErrorHandling extends RouteConfigurationBuilder {

  public static final String ID = "rest-errors";
  private static final Set<String> RESPONSE_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    RESPONSE_HEADERS.addAll(
        List.of(
            "Location",
            "WWW-Authenticate",
            "Retry-After",
            Exchange.CONTENT_TYPE,
            Exchange.HTTP_RESPONSE_CODE));
  }

  @Override
  public void configuration() {
    // @formatter:off
    var rest = routeConfiguration(ID);

    rest.interceptFrom().process(RestErrorHandling::correlate);

    respond(rest, MalformedRequestException.class, 400, "Bad Request");
    respond(rest, UnsupportedMediaTypeException.class, 415, "Unsupported Media Type");
    respond(rest, ResourceNotFoundException.class, 404, "Not Found");
    respond(rest, AccessDeniedException.class, 403, "Forbidden");
    respond(rest, ConflictException.class, 409, "Conflict");

    rest.onException(UnauthorizedException.class)
        .handled(true)
        .setHeader("WWW-Authenticate", constant("Bearer"))
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(401))
        .setBody(exchange -> new ErrorResponse("Unauthorized",
            caught(exchange, UnauthorizedException.class).getMessage()))
        .marshal().json();

    rest.onException(InvalidApplicationException.class)
        .handled(true)
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(422))
        .setBody(exchange -> ValidationErrorResponse.of(
            caught(exchange, InvalidApplicationException.class).errors()))
        .marshal().json();

    rest.onException(DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, KafkaException.class)
        .handled(true)
        .log(LoggingLevel.WARN, "Dependency unavailable: ${exception.message}")
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(503))
        .setHeader("Retry-After", constant(ErrorResponse.RETRY_AFTER_SECONDS))
        .setBody(constant(ErrorResponse.UNAVAILABLE))
        .marshal().json();

    rest.onException(Exception.class)
        .handled(true)
        .log(LoggingLevel.ERROR, "Unexpected failure: ${exception.stacktrace}")
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(500))
        .setBody(constant(ErrorResponse.INTERNAL))
        .marshal().json();

    rest.onCompletion().modeBeforeConsumer().process(RestErrorHandling::keepResponseHeaders);
    // @formatter:on
  }

  /**
   * Drops every header but those meant for the client; the correlation filter already set
   * X-Correlation-ID on the response. A set lookup per header: removeHeaders with exclude patterns
   * compiles a regular expression per header and pattern on every request.
   */
  private static void keepResponseHeaders(Exchange exchange) {
    exchange.getMessage().getHeaders().keySet().removeIf(name -> !RESPONSE_HEADERS.contains(name));
  }

  /** Answers with the message of a client-facing exception, which never holds input or SQL. */
  private void respond(
      RouteConfigurationDefinition rest,
      Class<? extends Exception> type,
      int status,
      String error) {
    // @formatter:off
    rest.onException(type)
        .handled(true)
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(status))
        .setBody(exchange -> new ErrorResponse(error, caught(exchange, type).getMessage()))
        .marshal().json();
    // @formatter:on
  }

  /** The exception an onException matched, which Camel may have wrapped (bean expressions do). */
  private static <T extends Exception> T caught(Exchange exchange, Class<T> type) {
    return ObjectHelper.getException(
        type, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
  }

  /** The correlation filter has already settled the id; the logs of this exchange carry it. */
  private static void correlate(Exchange exchange) {
    LogContext.service(Role.API);
    LogContext.application(
        null, exchange.getMessage().getHeader(CorrelationIds.HEADER, String.class));
  }
}
