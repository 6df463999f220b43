package web;

/** The request contradicts what the service already holds: a 409. */
public final class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
