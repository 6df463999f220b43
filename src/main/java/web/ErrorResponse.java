package web;

/** The body of every HTTP error but validation: a stable shape clients can rely on. */
public record ErrorResponse(String error, String message) {

  public static final ErrorResponse INTERNAL =
      new ErrorResponse("Internal Server Error", "An unexpected error occurred");
  public static final ErrorResponse UNAVAILABLE =
      new ErrorResponse(
          "Service Unavailable", "The service is temporarily unavailable, retry later");
}
