package application;

import java.math.BigDecimal;

/** Checks shared by the messages the routes exchange. */
public final class MessageRules {

  private MessageRules() {}

  public static void requirePresent(Object value, String field) {
    if (value == null) {
      throw new InvalidMessageException(field + " is required");
    }
  }

  public static void requirePositive(BigDecimal amount, String field) {
    if (amount == null || amount.signum() <= 0) {
      throw new InvalidMessageException(field + " must be greater than 0");
    }
  }
}
