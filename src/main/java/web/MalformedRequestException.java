package web;

/** The request cannot be read at all (not JSON, empty, not an object): a 400, not a 422. */
public final class MalformedRequestException extends RuntimeException {

  public MalformedRequestException(String message) {
    super(message);
  }
}
