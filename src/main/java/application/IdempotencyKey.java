package application;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's name for one submission, sent in the {@value #HEADER} header, so a retried POST
 * (after a timeout, on a flaky network) is answered with the application the first one created
 * instead of storing a second. 1 to 128 letters, digits and {@code ._:-}: a UUID, a ULID, base64url
 * or a prefixed id like {@code order:42} all fit, and the key is safe to store and compare as
 * given.
 */
public record IdempotencyKey(String value) {

  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_CHARACTERS = 128;
  private static final Pattern ACCEPTED =
      Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_CHARACTERS + "}");

  public IdempotencyKey {
    if (value == null || !ACCEPTED.matcher(value).matches()) {
      throw new InvalidApplicationException(
          List.of(
              new FieldError(
                  HEADER,
                  "must be 1 to "
                      + MAX_CHARACTERS
                      + " characters, each a letter, a digit or one of . _ : -")));
    }
  }

  /** The key of a request, or null when it sent none. */
  public static IdempotencyKey parse(String header) {
    return header == null ? null : new IdempotencyKey(header);
  }
}
