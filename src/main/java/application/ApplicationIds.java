package application;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses the ids in a path (an application's, a review task's); anything but a canonical UUID is a
 * 422, never a 500.
 */
public final class ApplicationIds {

  private static final Pattern CANONICAL_UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ApplicationIds() {}

  public static UUID parse(String candidate) {
    return parse("application_id", candidate);
  }

  public static UUID parse(String field, String candidate) {
    if (candidate == null || !CANONICAL_UUID.matcher(candidate).matches()) {
      throw new InvalidApplicationException(List.of(new FieldError(field, "must be a UUID")));
    }
    return UUID.fromString(candidate);
  }
}
