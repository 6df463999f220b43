package bench;

import static org.assertj.core.api.Assertions.assertThat;

import bench.BenchRun.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportTest {

  private static final BenchRun.Deployment LOCAL =
      new BenchRun.Deployment(
          "local",
          "http://127.0.0.1:43223",
          List.of(),
          6.5,
          480L,
          "target/bench/run/service.log",
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
  void aShortLowRateRunMeasuresOnlyTheColdStart() {
    var steps =
        List.of(
            step(StepResult.WARM_UP, 50, 5, true, 50, 4, 120, null),
            step(StepResult.RUN, 50, 10, true, 50, 4, 120, 412L));

    var verdicts = Report.targets(steps, LOCAL, PGBENCH);

    assertThat(verdicts)
        .extracting(Verdict::result)
        .containsExactly(
            Verdict.NOT_MEASURED,
            Verdict.NOT_MEASURED,
            Verdict.NOT_MEASURED,
            Verdict.NOT_MEASURED,
            Verdict.MET,
            Verdict.NOT_MEASURED);
    assertThat(verdicts.get(3).figure()).contains("50 decided/s ÷ 8,000 TPS");
  }

  @Test
  void aFullRunJudgesEveryTarget() {
    var steps =
        List.of(
            step(StepResult.WARM_UP, 500, 15, true, 500, 30, 300, 400L),
            step(StepResult.RUN, 500, 60, true, 499.9, 12, 250, 450L),
            step(StepResult.RUN, 1500, 60, true, 1499.8, 40, 600, 560L),
            step(StepResult.SEARCH, 2000, 20, true, 1999.5, 60, 800, 580L),
            step(StepResult.SEARCH, 2500, 20, false, 2100, 900, 9000, 590L));

    var verdicts = Report.targets(steps, LOCAL, PGBENCH);

    assertThat(verdicts)
        .extracting(Verdict::result)
        .containsExactly(
            Verdict.MET, Verdict.MET, Verdict.MET, Verdict.MET, Verdict.MET, Verdict.MET);
    // The yardstick is the best sustainable step, not the faster one that fell behind.
    assertThat(verdicts.get(3).figure()).contains("2,000 decided/s ÷ 8,000 TPS = 0.250");
    assertThat(Report.throughputStep(steps).get().offeredPerSecond()).isEqualTo(2000);
  }

  @Test
  void figuresBeyondTheTargetsAreNotMet() {
    var steps =
        List.of(
            step(StepResult.RUN, 500, 60, true, 500, 30, 1_200, 450L),
            step(StepResult.RUN, 1500, 60, false, 1100, 2_000, 20_000, 700L));
    var slowStart =
        new BenchRun.Deployment("local", "x", List.of(), 9.2, 700L, "x", LOCAL.postgres());

    var verdicts = Report.targets(steps, slowStart, PGBENCH);

    assertThat(verdicts)
        .extracting(Verdict::result)
        .containsExactly(
            Verdict.NOT_MET,
            Verdict.NOT_MET,
            Verdict.NOT_MET,
            Verdict.NOT_MET,
            Verdict.NOT_MET,
            Verdict.NOT_MET);
    assertThat(verdicts.get(0).note()).isEqualTo("backlog grew");
  }

  @Test
  void withoutPgbenchOrALocalRunThoseTargetsAreNotMeasured() {
    var external =
        new BenchRun.Deployment(
            "external", "http://10.0.0.5:8000", List.of(), null, null, null, LOCAL.postgres());
    var steps = List.of(step(StepResult.RUN, 500, 60, true, 500, 10, 200, null));

    var verdicts = Report.targets(steps, external, null);

    assertThat(verdicts.get(3).result()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(verdicts.get(4).result()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(verdicts.get(5).result()).isEqualTo(Verdict.NOT_MEASURED);
  }

  @Test
  void theMarkdownHasTheMachineTheTargetsAndEveryStep() {
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
        .contains("fsync off, synchronous_commit off, shared_buffers 128MB) — NOT DURABLE");
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

  private static StepResult step(
      String kind,
      int rate,
      double seconds,
      boolean sustainable,
      double decidedPerSecond,
      double submitP99,
      double decisionP99,
      Long rss) {
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
        0,
        0,
        0,
        decision,
        decidedPerSecond,
        rss,
        5.0,
        sustainable,
        sustainable ? "sustainable" : "backlog grew");
  }
}
