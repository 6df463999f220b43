package messages;

import java.util.regex.Pattern;

/**
 * Hides the middle of every PAN in a text: {@code ABCDE1234F} becomes {@code ABCDE***4F}. Applied
 * to whole log lines, so it matches case-insensitively and only whole tokens.
 */
public final class PanMask {

  private static final Pattern PAN_TOKEN =
      Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{5})[0-9]{3}([0-9][A-Za-z])(?![A-Za-z0-9])");

  private PanMask() {}

  public static String mask(String text) {
    if (text == null || text.length() < 10) {
      return text;
    }
    return PAN_TOKEN.matcher(text).replaceAll("$1***$2");
  }
}
