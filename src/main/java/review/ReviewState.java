package review;

import java.util.Locale;

/** Where a review task stands, as the API and the {@code review_tasks.state} column spell it. */
public enum ReviewState {
  OPEN,
  CLAIMED,
  /** A reviewer approved a loan above the four-eyes amount; a second reviewer must confirm. */
  AWAITING_CONFIRMATION,
  DONE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a label names, or null for one that names none. */
  public static ReviewState parse(String label) {
    for (var state : values()) {
      if (state.label().equals(label)) {
        return state;
      }
    }
    return null;
  }
}
