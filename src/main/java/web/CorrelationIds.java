package web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accepts a caller's correlation id when it is safe to log and to carry through Kafka; otherwise
 * issues a new one rather than refusing the request.
 */
public final class CorrelationIds {

  public static final String HEADER = "X-Correlation-ID";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private CorrelationIds() {}

  public static String acceptOrGenerate(String supplied) {
    return supplied != null && ACCEPTED.matcher(supplied).matches()
        ? supplied
        : UUID.randomUUID().toString();
  }
}
