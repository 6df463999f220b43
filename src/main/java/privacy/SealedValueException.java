package privacy;

/**
 * A sealed value that cannot be opened: malformed, sealed with a key no longer configured, sealed
 * for another field or application, or altered. Retrying never helps.
 */
public class SealedValueException extends RuntimeException {

  public SealedValueException(String message) {
    super(message);
  }
}
