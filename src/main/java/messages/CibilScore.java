package messages;

/** A CIBIL score as a credit report carries it: 300 to 900, both included. */
public final class CibilScore {

  public static final int MIN = 300;
  public static final int MAX = 900;

  private CibilScore() {}

  public static boolean isInRange(int score) {
    return score >= MIN && score <= MAX;
  }
}
