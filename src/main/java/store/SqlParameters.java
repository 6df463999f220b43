package store;

import java.time.Duration;
import java.util.Map;

/**
 * The named parameters ({@code :#name}) of one SQL statement, given by the record that stands for
 * the statement: the record is the only place in Java that spells them.
 */
public interface SqlParameters {

  Map<String, Object> toParameters();

  /** A duration as the statements take it: {@code CAST(:#name AS interval)}. */
  static String interval(Duration duration) {
    return duration.toMillis() + " milliseconds";
  }
}
