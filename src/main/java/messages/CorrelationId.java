package messages;

import java.util.regex.Pattern;

/**
 * A correlation id as the service accepts it from a caller and carries it in its messages: 1 to 64
 * letters, digits or {@code ._:-}, safe to log and no wider than the {@code correlation_id} columns
 * of the audit trail and the outbox ({@code VARCHAR(64)}). It travels in plain text through every
 * topic and table, so it must not hold a PAN: a caller could otherwise send one as its id.
 */
public final class CorrelationId {

  public static final int MAX_LENGTH = 64;
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

  private CorrelationId() {}

  public static boolean isValid(String candidate) {
    return candidate != null
        && ACCEPTED.matcher(candidate).matches()
        && !PanNumber.appearsIn(candidate);
  }
}
