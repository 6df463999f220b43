package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One step of a run: a fixed offered rate for a set time, then a drain. What the client saw, what
 * the database says about the same applications afterwards, and whether the service sustained the
 * rate.
 *
 * <p>A rate is <em>sustainable</em> when every request was accepted, every accepted application was
 * stored and decided within the drain window, the decisions kept pace with the offer (at least 95%
 * of the offered rate), and the backlog did not grow across the step: the PENDING count at the end
 * of the load is at most {@link #backlogTolerance} above its count at mid-step (5% of what was
 * offered in the second half, at least 10). A service that keeps up holds the backlog at about rate
 * × decision latency; one that does not piles it up for as long as the load lasts, or, once every
 * connection the client may open is waiting, makes the client queue the requests instead, which
 * only the pace of the decisions shows.
 *
 * @param kind {@code warm-up} (left out of the targets), {@code run} or {@code search}
 * @param submitLatencyMs from each request's intended send time to its answer (null if none)
 * @param decisionLatencyMs from {@code created_at} to the decision's audit event (null if none)
 * @param pendingSamples the PENDING count once a second during the load
 * @param serviceRssMaxMb the service's largest resident set sampled during the load, if known
 * @param loadGeneratorGcMs garbage collection in the harness's own JVM during the load; large
 *     values would inflate the submit latencies it measured
 * @param cpu CPU time by process from the start of the load to the end of the drain
 */
record StepResult(
    String name,
    String kind,
    int offeredPerSecond,
    double durationSeconds,
    int sent,
    long accepted,
    double acceptedPerSecond,
    Map<String, Long> errors,
    Latency submitLatencyMs,
    double clientMaxLagMs,
    long pendingBefore,
    long pendingAtMidStep,
    long pendingAtEnd,
    long backlogGrowth,
    long backlogTolerance,
    List<Long> pendingSamples,
    double drainSeconds,
    long stillPending,
    long notStored,
    long decidedTwice,
    Latency decisionLatencyMs,
    double decidedPerSecond,
    Long serviceRssMaxMb,
    double loadGeneratorGcMs,
    StepCpu cpu,
    boolean sustainable,
    String verdict) {

  static final String WARM_UP = "warm-up";
  static final String RUN = "run";
  static final String SEARCH = "search";
  private static final double KEEPING_PACE = 0.95;

  boolean measured() {
    return !WARM_UP.equals(kind);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** At most 5% of the second half's offered applications, and never less than 10. */
  static long backlogTolerance(int rate, double durationSeconds) {
    return Math.max(10, Math.round(0.05 * rate * durationSeconds / 2));
  }

  /** Why a step was not sustainable; empty when it was. */
  static List<String> shortfalls(
      long errors,
      long notStored,
      long stillPending,
      double drainSeconds,
      long backlogGrowth,
      long tolerance,
      int offeredPerSecond,
      double decidedPerSecond) {
    var reasons = new ArrayList<String>();
    if (decidedPerSecond < KEEPING_PACE * offeredPerSecond) {
      reasons.add(
          "decided %.0f/s of the %d/s offered".formatted(decidedPerSecond, offeredPerSecond));
    }
    if (errors > 0) {
      reasons.add(errors + " requests not accepted");
    }
    if (notStored > 0) {
      reasons.add(notStored + " accepted but not stored");
    }
    if (stillPending > 0) {
      reasons.add(stillPending + " still PENDING after a %.0f s drain".formatted(drainSeconds));
    }
    if (backlogGrowth > tolerance) {
      reasons.add(
          "backlog grew by " + backlogGrowth + " in the second half (tolerance " + tolerance + ")");
    }
    return reasons;
  }

  /** A latency distribution in milliseconds. */
  record Latency(long count, double p50, double p95, double p99, double max, double mean) {

    /** Null when nothing was recorded. */
    static Latency fromMicros(Histogram micros) {
      if (micros.getTotalCount() == 0) {
        return null;
      }
      return new Latency(
          micros.getTotalCount(),
          micros.getValueAtPercentile(50) / 1000.0,
          micros.getValueAtPercentile(95) / 1000.0,
          micros.getValueAtPercentile(99) / 1000.0,
          micros.getMaxValue() / 1000.0,
          micros.getMean() / 1000.0);
    }
  }
}
