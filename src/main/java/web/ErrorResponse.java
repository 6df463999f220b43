package web;

import org.springframework.http.HttpStatus;

/** The body of every HTTP error but validation: a stable shape clients can rely on. */
public record ErrorResponse(String error, String message) {

  public static final ErrorResponse INTERNAL =
      new ErrorResponse("Internal Server Error", "An unexpected error occurred");
  public static final ErrorResponse UNAVAILABLE =
      new ErrorResponse(
          "Service Unavailable", "The service is temporarily unavailable, retry later");

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
