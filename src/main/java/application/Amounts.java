package application;

import java.math.BigDecimal;

/** Checks shared by every message that carries rupee amounts. */
public final class Amounts {

  private Amounts() {}

  public static void requirePositive(BigDecimal amount, String field) {
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be greater than 0");
    }
  }
}
