package messages;

/**
 * A Kafka message that breaks the message rules: no retry can make it valid, so it belongs in the
 * dead-letter topic. Thrown from the message records' constructors; Jackson wraps it, and Camel's
 * error handler matches it as the root cause.
 */
public final class InvalidMessageException extends IllegalArgumentException {

  public InvalidMessageException(String message) {
    super(message);
  }
}
