package messages;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Indian Permanent Account Number: five letters, four digits, one letter, upper case only.
 * {@link #toString()} is masked so a PAN can never reach a log line by accident.
 */
public record PanNumber(String value) {

  public static final String FORMAT = "^[A-Z]{5}[0-9]{4}[A-Z]$";
  private static final Pattern PATTERN = Pattern.compile("[A-Z]{5}[0-9]{4}[A-Z]");

  public PanNumber {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("Not a PAN: " + PanMask.mask(value));
    }
  }

  /** Whether the text holds a PAN-shaped run anywhere, as a correlation id must not. */
  public static boolean appearsIn(String text) {
    return PATTERN.matcher(text).find();
  }

  public static boolean isValid(String candidate) {
    return candidate != null && PATTERN.matcher(candidate).matches();
  }

  public String masked() {
    return PanMask.mask(value);
  }

  @Override
  public String toString() {
    return masked();
  }
}
