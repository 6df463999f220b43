package bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import bench.BenchRun.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportTest {

  private static final BenchRun.Deployment LOCAL =
      new BenchRun.Deployment(
          "local",
          1,
          List.of("http://127.0.0.1:43223"),
          List.of(),
          6.5,
          480L,
          List.of("target/bench/run/service.log"),
          Map.of(
              "server_version",
              "17.6",
              "fsync",
              "off",
              "synchronous_commit",
              "off",
              "shared_buffers",
              "128MB"));
  private static final PgBench.Result PGBENCH =
      new PgBench.Result("15.14", 4, 2, 15, 8_000, 0.5, "pgbench -n ...", "INSERT ...");

  @Test
  void theTargetsReadAsTheIssueStatesThem() {
    assertThat(
            List.of(
                Report.SUSTAINED_TARGET,
                Report.SUBMIT_TARGET,
                Report.DECISION_TARGET,
                Report.PGBENCH_TARGET,
                Report.CPU_TARGET,
                Report.COLD_START_TARGET,
                Report.RSS_TARGET))
        .containsExactly(
            "≥ 2,000 applications/s decided end to end, sustained for 60 s, nothing left PENDING after the drain",
            "submit p99 ≤ 50 ms at 1,000 applications/s offered",
            "decision p99 ≤ 1 s at 1,000 applications/s offered",
            "decided/s ≥ 0.23 × pgbench single-row insert TPS (same server, same run)",
            "CPU per application, by process (service, PostgreSQL, Kafka broker, load generator), reported",
            "cold start of all roles ≤ 8 s",
            "service resident memory ≤ 600 MB under the 2,000/s load");
  }

  @ParameterizedTest(name = "{0} ms reads as {1}")
  @CsvSource({"50, 50 ms", "999, 999 ms", "1000, 1 s", "1500, 1.5 s"})
  void aThresholdReadsInTheUnitThatSuitsIt(double millis, String text) {
    assertThat(Report.limit(millis)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}/s offered for {1} s, sustainable {2}: {3}")
  @CsvSource({
    "1999, 60,   true,  not measured",
    "2000, 59.9, true,  not measured",
    "2000, 60,   true,  met",
    "2000, 60,   false, not met",
    "2500, 90,   true,  met",
    "2500, 90,   false, not met"
  })
  void theSustainedRateNeedsAStepOfferingItForAMinuteThatKeptUp(
      int rate, double seconds, boolean sustainable, String result) {
    var step = step(StepResult.RUN, rate, seconds, sustainable, rate * 0.99, 10, 500, 400L);

    var verdict = verdict(List.of(step), Report.SUSTAINED_TARGET);

    assertThat(verdict.result()).isEqualTo(result);
    if (result.equals(Verdict.NOT_MEASURED)) {
      assertThat(verdict.note())
          .isEqualTo(
              "needs a step offering ≥ 2,000/s for ≥ 60 s: -Dbench.rate=2000 -Dbench.duration=60s");
    }
  }

  @Test
  void applicationsLeftPendingAfterTheDrainBreakTheSustainedRate() {
    var pending =
        step(
            StepResult.RUN,
            2000,
            60,
            false,
            2000,
            10,
            500,
            400L,
            12,
            "12 still PENDING after a 30 s drain",
            cpu());

    var verdict = verdict(List.of(pending), Report.SUSTAINED_TARGET);

    assertThat(verdict.result()).isEqualTo(Verdict.NOT_MET);
    assertThat(verdict.figure()).endsWith("12 PENDING after the drain");
    assertThat(verdict.note()).isEqualTo("12 still PENDING after a 30 s drain");
  }

  @ParameterizedTest(name = "{0}/s offered, submit p99 {1} ms: {2}")
  @CsvSource({
    "1000, 50,   met",
    "1000, 50.1, not met",
    "999,  10,   not measured",
    "1001, 10,   not measured"
  })
  void submitLatencyIsJudgedAtTheTargetRateOnly(int rate, double p99, String result) {
    var step = step(StepResult.RUN, rate, 60, true, rate, p99, 500, 400L);

    assertThat(verdict(List.of(step), Report.SUBMIT_TARGET).result()).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0}/s offered, decision p99 {1} ms, {2} left PENDING: {3}")
  @CsvSource({
    "1000, 1000,   0, met",
    "1000, 1000.1, 0, not met",
    "1000, 500,    3, not met",
    "900,  500,    0, not measured"
  })
  void decisionLatencyNeedsEveryApplicationDecidedInTime(
      int rate, double p99, long stillPending, String result) {
    var step =
        step(
            StepResult.RUN,
            rate,
            60,
            stillPending == 0,
            rate,
            10,
            p99,
            400L,
            stillPending,
            "x",
            cpu());

    assertThat(verdict(List.of(step), Report.DECISION_TARGET).result()).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0} decided/s over 8,000 TPS, a faster step fell behind {1}: {2}")
  @CsvSource({
    "1840, true,  met",
    "1840, false, met",
    "1839, true,  not met",
    "1839, false, not measured"
  })
  void theRatioToPgbenchCountsAgainstTheServiceOnlyOnceItsLimitWasFound(
      double decided, boolean limitFound, String result) {
    var steps = new ArrayList<StepResult>();
    steps.add(step(StepResult.RUN, 2000, 60, true, decided, 10, 500, 400L));
    if (limitFound) {
      steps.add(step(StepResult.SEARCH, 3000, 20, false, 1700, 900, 9000, 400L));
    }

    var verdict = verdict(steps, Report.PGBENCH_TARGET);

    assertThat(verdict.result()).isEqualTo(result);
    assertThat(verdict.figure()).startsWith(Report.rate(decided) + " decided/s ÷ 8,000 TPS");
  }

  @Test
  void withoutPgbenchTheRatioIsNotMeasured() {
    var steps = List.of(step(StepResult.RUN, 1000, 60, true, 1000, 10, 200, null));

    var verdict =
        Report.targets(steps, LOCAL, null).stream()
            .filter(v -> v.target().equals(Report.PGBENCH_TARGET))
            .findFirst()
            .get();

    assertThat(verdict.result()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(verdict.note()).isEqualTo("pgbench did not run");
  }

  @ParameterizedTest(name = "cold start {0} s: {1}")
  @CsvSource({"8, met", "8.01, not met", ", not measured"})
  void coldStart(Double seconds, String result) {
    var deployment =
        new BenchRun.Deployment(
            "local", 1, List.of("x"), List.of(), seconds, 400L, List.of("x"), LOCAL.postgres());
    var steps = List.of(step(StepResult.RUN, 1000, 60, true, 1000, 10, 200, 400L));

    var verdict =
        Report.targets(steps, deployment, PGBENCH).stream()
            .filter(v -> v.target().equals(Report.COLD_START_TARGET))
            .findFirst()
            .get();

    assertThat(verdict.result()).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0} MB at {1}/s offered: {2}")
  @CsvSource({
    "600, 2000, met",
    "601, 2000, not met",
    "601, 500,  not met",
    "600, 1999, not measured",
    "  , 2000, not measured"
  })
  void residentMemoryCountsUnderTheSustainedRateOrWhenAlreadyTooLarge(
      Long rssMb, int rate, String result) {
    var step = step(StepResult.RUN, rate, 60, true, rate, 10, 200, rssMb);

    assertThat(verdict(List.of(step), Report.RSS_TARGET).result()).isEqualTo(result);
  }

  @Test
  void cpuPerApplicationIsReportedForTheThroughputStep() {
    var steps =
        List.of(
            step(StepResult.RUN, 1000, 60, true, 1000, 10, 200, 400L),
            step(StepResult.RUN, 2000, 60, true, 2000, 10, 200, 400L));

    var verdict = verdict(steps, Report.CPU_TARGET);

    assertThat(verdict.result()).isEqualTo(Verdict.MET);
    assertThat(verdict.figure())
        .isEqualTo(
            "at 2000/s offered: service 1.30 ms (0.63 cores), PostgreSQL 1.20 ms (0.58 cores), "
                + "Kafka broker 0.44 ms (0.21 cores), load generator 0.47 ms (0.23 cores), all four 3.41 ms");
  }

  @Test
  void aProcessThatCouldNotBeReadLeavesCpuNotMeasured() {
    var cpu =
        new StepCpu(
            60,
            60_000,
            List.of(
                new StepCpu.Use("service", List.of(11L), 78.0, 1.3, 1.3, ""),
                new StepCpu.Use("PostgreSQL", List.of(12L), 72.0, 1.2, 1.2, ""),
                StepCpu.Use.notMeasured("Kafka broker", List.of(), "only known in the local run"),
                new StepCpu.Use("load generator", List.of(14L), 28.2, 0.47, 0.47, "")));
    var step = step(StepResult.RUN, 1000, 60, true, 1000, 10, 200, 400L, 0, "sustainable", cpu);

    var verdict = verdict(List.of(step), Report.CPU_TARGET);

    assertThat(verdict.result()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(verdict.note()).isEqualTo("Kafka broker: only known in the local run");
    assertThat(cpu.totalMsPerApplication()).isNull();
  }

  @Test
  void aShortLowRateRunMeasuresOnlyTheColdStartAndTheCpu() {
    var steps =
        List.of(
            step(StepResult.WARM_UP, 50, 5, true, 50, 4, 120, null),
            step(StepResult.RUN, 50, 10, true, 50, 4, 120, 412L));

    var verdicts = Report.targets(steps, LOCAL, PGBENCH);

    assertThat(verdicts)
        .extracting(Verdict::target, Verdict::result)
        .containsExactly(
            tuple(Report.SUSTAINED_TARGET, Verdict.NOT_MEASURED),
            tuple(Report.SUBMIT_TARGET, Verdict.NOT_MEASURED),
            tuple(Report.DECISION_TARGET, Verdict.NOT_MEASURED),
            tuple(Report.PGBENCH_TARGET, Verdict.NOT_MEASURED),
            tuple(Report.CPU_TARGET, Verdict.MET),
            tuple(Report.COLD_START_TARGET, Verdict.MET),
            tuple(Report.RSS_TARGET, Verdict.NOT_MEASURED));
  }

  @Test
  void aFullRunJudgesEveryTarget() {
    var steps =
        List.of(
            step(StepResult.WARM_UP, 1000, 15, true, 1000, 30, 300, 400L),
            step(StepResult.RUN, 1000, 60, true, 999.9, 12, 250, 450L),
            step(StepResult.RUN, 2000, 60, true, 1999.8, 40, 600, 560L),
            step(StepResult.SEARCH, 2500, 20, true, 2499.5, 60, 800, 580L),
            step(StepResult.SEARCH, 3000, 20, false, 2600, 900, 9000, 590L));

    var verdicts = Report.targets(steps, LOCAL, PGBENCH);

    assertThat(verdicts).extracting(Verdict::result).containsOnly(Verdict.MET);
    // The yardstick is the best sustainable step, not the faster one that fell behind.
    assertThat(verdict(steps, Report.PGBENCH_TARGET).figure())
        .isEqualTo("2,500 decided/s ÷ 8,000 TPS = 0.312");
    assertThat(Report.throughputStep(steps).get().offeredPerSecond()).isEqualTo(2500);
  }

  @Test
  void theMarkdownHasTheMachineTheTargetsEveryStepAndItsCpu() {
    var steps =
        List.of(
            step(StepResult.WARM_UP, 50, 5, true, 50, 4, 120, 300L),
            step(StepResult.RUN, 50, 10, false, 30, 800, 7_500, 412L));
    var run =
        new BenchRun(
            "2025-11-28T11:15:37Z",
            "2025-11-28T11:17:38Z",
            "./mvnw -B -ntp -Pbench test-compile exec:exec",
            Map.of(
                "cpus",
                2,
                "cpuModel",
                "Xeon",
                "memoryMb",
                24105,
                "os",
                "Linux",
                "java",
                "17.0.15",
                "loadAverageAtStart",
                "11.9 8.8 7.0"),
            "20.7 12.8 8.7",
            Map.of(),
            LOCAL,
            steps,
            null,
            PGBENCH,
            null,
            50.0,
            50.0 / 8000,
            Report.targets(steps, LOCAL, PGBENCH));

    var markdown = Report.markdown(run);

    assertThat(markdown)
        .contains("`./mvnw -B -ntp -Pbench test-compile exec:exec`")
        .contains("2 CPUs (Xeon), 24105 MB memory")
        .contains(
            "| cold start of all roles ≤ 8 s | 6.50 s (process start to /health 200) | **met** |")
        .contains("| warm-up | 50 | 5 s |")
        .contains("| run 50/s | 50 | 10 s |")
        .contains("no: backlog grew")
        .contains("fsync off, synchronous_commit off, shared_buffers 128MB) — NOT DURABLE")
        .contains(
            "| Step | Window | Decided | service | PostgreSQL | Kafka broker | load generator | All four |")
        .contains(
            "| run 50/s | 60 s | 60000 | 1.30 ms (0.63 cores) | 1.20 ms (0.58 cores) "
                + "| 0.44 ms (0.21 cores) | 0.47 ms (0.23 cores) | 3.41 ms (1.65 cores) |");
  }

  @ParameterizedTest(name = "{0} instances: \"{1}\", cold start \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | local run: 1 instance of `prequal.LocalPrequalApplication` (all roles) in a child JVM (-Xmx384m), "
            + "a Kafka broker in its own JVM, embedded PostgreSQL 17.6 | service peak resident set (VmHWM) 480 MB"
            + " | 6.50 s (process start to /health 200)",
        "2 | local run: 2 instances of `prequal.LocalPrequalApplication` (all roles), each in a child JVM of "
            + "its own (-Xmx384m), started one after the other and sharing one Kafka broker in its own JVM and "
            + "the embedded PostgreSQL 17.6 | resident sets (VmHWM here, VmRSS in the steps) are the largest "
            + "instance's: peak 480 MB | 6.50 s (first instance, process start to /health 200)"
      })
  void theDeploymentSaysHowManyInstancesRanAndWhoseMemoryIsShown(
      int instances, String start, String memory, String coldStart) {
    var deployment =
        new BenchRun.Deployment(
            "local",
            instances,
            Collections.nCopies(instances, "http://127.0.0.1:43223"),
            List.of("-Xmx384m"),
            6.5,
            480L,
            Collections.nCopies(instances, "service.log"),
            LOCAL.postgres());

    assertThat(Report.deployment(deployment)).startsWith(start).endsWith(memory);
    assertThat(
            Report.targets(List.of(), deployment, PGBENCH).stream()
                .filter(verdict -> verdict.target().equals(Report.COLD_START_TARGET))
                .findFirst()
                .orElseThrow()
                .figure())
        .isEqualTo(coldStart);
  }

  @ParameterizedTest(name = "fsync {0}, synchronous_commit {1}: durable {2}")
  @CsvSource({"on, on, true", "off, on, false", "on, off, false", "on, local, false"})
  void onlyADatabaseThatFlushesEveryCommitIsDurable(
      String fsync, String synchronousCommit, boolean durable) {
    assertThat(Report.durable(Map.of("fsync", fsync, "synchronous_commit", synchronousCommit)))
        .isEqualTo(durable);
  }

  @Test
  void aStepIsSustainableOnlyKeepingPaceWithoutErrorsLeftoversOrAGrowingBacklog() {
    assertThat(StepResult.backlogTolerance(50, 10)).isEqualTo(13);
    assertThat(StepResult.backlogTolerance(10, 4)).isEqualTo(10);
    assertThat(StepResult.backlogTolerance(1500, 60)).isEqualTo(2250);
    assertThat(StepResult.shortfalls(0, 0, 0, 30, 13, 13, 500, 475)).isEmpty();
    assertThat(StepResult.shortfalls(2, 1, 5, 30, 14, 13, 1500, 596))
        .containsExactly(
            "decided 596/s of the 1500/s offered",
            "2 requests not accepted",
            "1 accepted but not stored",
            "5 still PENDING after a 30 s drain",
            "backlog grew by 14 in the second half (tolerance 13)");
  }

  private static Verdict verdict(List<StepResult> steps, String target) {
    return Report.targets(steps, LOCAL, PGBENCH).stream()
        .filter(verdict -> verdict.target().equals(target))
        .findFirst()
        .orElseThrow();
  }

  private static StepResult step(
      String kind,
      int rate,
      double seconds,
      boolean sustainable,
      double decidedPerSecond,
      double submitP99,
      double decisionP99,
      Long rss) {
    return step(
        kind,
        rate,
        seconds,
        sustainable,
        decidedPerSecond,
        submitP99,
        decisionP99,
        rss,
        0,
        sustainable ? "sustainable" : "backlog grew",
        cpu());
  }

  private static StepResult step(
      String kind,
      int rate,
      double seconds,
      boolean sustainable,
      double decidedPerSecond,
      double submitP99,
      double decisionP99,
      Long rss,
      long stillPending,
      String verdict,
      StepCpu cpu) {
    var submit =
        new StepResult.Latency(
            100, submitP99 / 3, submitP99 / 2, submitP99, submitP99 * 2, submitP99 / 3);
    var decision =
        new StepResult.Latency(
            100, decisionP99 / 3, decisionP99 / 2, decisionP99, decisionP99 * 2, decisionP99 / 3);
    return new StepResult(
        kind.equals(StepResult.WARM_UP) ? "warm-up" : kind + " " + rate + "/s",
        kind,
        rate,
        seconds,
        (int) (rate * seconds),
        (long) (rate * seconds),
        rate,
        Map.of(),
        submit,
        1.0,
        0,
        10,
        10,
        0,
        StepResult.backlogTolerance(rate, seconds),
        List.of(),
        1.0,
        stillPending,
        0,
        0,
        decision,
        decidedPerSecond,
        rss,
        5.0,
        cpu,
        sustainable,
        verdict);
  }

  /** Sample figures in the shape the harness records; the arithmetic is ProcessCpuTest's. */
  private static StepCpu cpu() {
    return new StepCpu(
        60,
        60_000,
        List.of(
            new StepCpu.Use("service", List.of(11L), 78.0, 1.30, 0.63, ""),
            new StepCpu.Use("PostgreSQL", List.of(12L), 72.0, 1.20, 0.58, ""),
            new StepCpu.Use("Kafka broker", List.of(13L), 26.4, 0.44, 0.21, ""),
            new StepCpu.Use("load generator", List.of(14L), 28.2, 0.47, 0.23, "")));
  }
}
