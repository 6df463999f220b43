package web;

import java.util.UUID;
import messages.CorrelationId;

/**
 * Accepts a caller's correlation id when it is safe to log and to carry through Kafka; otherwise
 * issues a new one rather than refusing the request.
 */
public final class CorrelationIds {

  public static final String HEADER = "X-Correlation-ID";

  private CorrelationIds() {}

  public static String acceptOrGenerate(String supplied) {
    return CorrelationId.isValid(supplied) ? supplied : UUID.randomUUID().toString();
  }
}
