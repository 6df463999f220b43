package web;

import org.springframework.http.HttpStatus;

/** The body of every HTTP error but validation: a stable shape clients can rely on. */
public record ErrorResponse(String error, String message) {

  public static final ErrorResponse INTERNAL =
      new ErrorResponse("Internal Server Error", "An unexpected error occurred");
  public static final ErrorResponse UNAVAILABLE =
      new ErrorResponse(
          "Service Unavailable", "The service is temporarily unavailable, retry later");
  public static final ErrorResponse IDENTITY_PROVIDER_UNAVAILABLE =
      new ErrorResponse(
          "Service Unavailable",
          "The identity provider that verifies staff tokens is unavailable, retry later");

  /** The {@code Retry-After} of every 503: a dependency away is usually back within seconds. */
  public static final String RETRY_AFTER_SECONDS = "5";

  /** The answer to a request refused before any route handled it. */
  public static ErrorResponse refused(HttpStatus status) {
    return new ErrorResponse(
        status.getReasonPhrase(),
        switch (status) {
          case NOT_FOUND -> "No such resource";
          case METHOD_NOT_ALLOWED -> "Method not allowed on this resource";
          case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
          case NOT_ACCEPTABLE -> "Only application/json responses are available";
          default -> status.getReasonPhrase();
        });
  }
}
