package bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code target/bench/results-<timestamp>.json}.
 *
 * @param throughputDecidedPerSecond the highest decided/s of a sustainable measured step (of any
 *     measured step if none was sustainable), compared with pgbench
 * @param throughputRatio that figure over pgbench's TPS, null without pgbench
 */
record BenchRun(
    String startedAt,
    String finishedAt,
    String command,
    Map<String, Object> machine,
    String loadAverageAtEnd,
    Map<String, Object> settings,
    Deployment deployment,
    List<StepResult> steps,
    Search search,
    PgBench.Result pgbench,
    String pgbenchNote,
    Double throughputDecidedPerSecond,
    Double throughputRatio,
    List<Verdict> targets) {

  /**
   * What was measured: the local run or a given deployment.
   *
   * @param instances how many service processes took the load, each with every role
   * @param baseUrls each instance's, the load spread over them connection by connection
   * @param coldStartSeconds the (first) service's process start to its first {@code /health} 200
   *     (local run only)
   * @param serviceRssPeakMb the largest {@code VmHWM} of the instances, each one's peak resident
   *     set since it started
   */
  record Deployment(
      String kind,
      int instances,
      List<String> baseUrls,
      List<String> serviceJvmOptions,
      Double coldStartSeconds,
      Long serviceRssPeakMb,
      List<String> serviceLogs,
      Map<String, String> postgres) {}

  /**
   * The maximum sustainable throughput search: the offered rates tried in order until one was not
   * sustainable.
   *
   * @param maxSustainableRate the highest sustainable offered rate, null if even the first was not
   * @param stoppedAt the first rate that was not sustainable and why, null if all were
   */
  record Search(
      List<Integer> rates,
      double stepSeconds,
      Integer maxSustainableRate,
      Double decidedPerSecondAtMax,
      String stoppedAt) {}

  /** One of the targets next to the figure this run measured for it. */
  record Verdict(String target, String figure, String result, String note) {

    static final String MET = "met";
    static final String NOT_MET = "not met";
    static final String NOT_MEASURED = "not measured";
  }
}
