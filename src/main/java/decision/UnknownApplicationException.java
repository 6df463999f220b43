package decision;

/** A credit report for an application this database never stored: it can never be applied. */
public final class UnknownApplicationException extends RuntimeException {

  public UnknownApplicationException(String message) {
    super(message);
  }
}
