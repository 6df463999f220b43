package bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import bench.ProcessCpu.Group;
import bench.ProcessCpu.Stat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessCpuTest {

  private static final String SERVICE =
      "4242 (java) S 4200 4200 5501 0 -1 4194560 120000 0 30 0 7800 1200 77 3 20 0 64 0 256548 "
          + "3133440 412 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

  /** The postmaster, two backends, a child of a backend, and a process outside the tree. */
  private static final List<Stat> PROCESSES =
      List.of(
          stat("700 (postgres) S 1 700 700 0 -1 4194560 5000 0 0 0 60 40 30 20 20 0 1 0 1000"),
          stat("701 (postgres) S 700 700 700 0 -1 4194624 900 0 0 0 25 5 0 0 20 0 1 0 1001"),
          stat("702 (postgres) R 700 700 700 0 -1 4194624 800 0 0 0 12 8 0 0 20 0 1 0 1002"),
          stat("703 (sh) S 701 700 700 0 -1 4194304 10 0 0 0 3 2 0 0 20 0 1 0 1003"),
          stat("800 (bash) S 1 800 800 0 -1 4194304 10 0 0 0 500 499 0 0 20 0 1 0 900"),
          stat(SERVICE));

  @ParameterizedTest(name = "{0}: pid {1}, command \"{2}\", parent {3}, {4} ticks, {5} reaped")
  @CsvSource(
      delimiter = '|',
      value = {
        SERVICE + "| 4242 | java | 4200 | 9000 | 80",
        "777 (postgres: bench (x) idle) S 700 700 700 0 -1 4194624 1 0 0 0 15 6 2 1 20 0 1 0 5"
            + " | 777 | postgres: bench (x) idle | 700 | 21 | 3",
        "9 (kworker/0:1-events) I 2 0 0 0 -1 69238880 0 0 0 0 0 4 0 0 20 0 1 0 7"
            + " | 9 | kworker/0:1-events | 2 | 4 | 0"
      })
  void readsTheTimesOfAStatLineWhateverItsCommand(
      String line, long pid, String command, long parent, long own, long reaped) {
    assertThat(Stat.parse(line)).contains(new Stat(pid, command, parent, own, reaped));
  }

  @ParameterizedTest(name = "\"{0}\" is not a stat line")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "4242 java S 4200",
        "4242 (java) S 4200 4200 5501",
        "x (java) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0"
      })
  void refusesWhatIsNotAStatLine(String line) {
    assertThat(Stat.parse(line)).isEmpty();
  }

  @Test
  void aJvmCountsItsOwnTimeAndPostgresqlItsWholeTreeWithReapedChildren() {
    var groups = List.of(Group.process("service", 4242), Group.tree("PostgreSQL", 700));

    // postmaster 100 + 50 reaped, backends 30 and 20, the backend's child 5; not the bash outside.
    assertThat(ProcessCpu.ticks(groups, PROCESSES))
        .containsOnly(entry("service", 9000L), entry("PostgreSQL", 205L));
    assertThat(ProcessCpu.tree(700, PROCESSES))
        .extracting(Stat::pid)
        .containsExactlyInAnyOrder(700L, 701L, 702L, 703L);
  }

  @ParameterizedTest(name = "service instances {0}: {1} ticks")
  @CsvSource(
      delimiter = '|',
      value = {"4242      | 9000", "4242, 800 | 9999", "4242, 701 | 9030", "4242, 999 | "})
  void severalInstancesCountAsOneGroupWhileEveryOneIsThere(String pids, Long ticks) {
    var group =
        Group.processes(
            "service",
            Arrays.stream(pids.split(",", -1)).map(pid -> Long.valueOf(pid.trim())).toList());

    var measured = ProcessCpu.ticks(List.of(group), PROCESSES);

    if (ticks == null) {
      assertThat(measured).as("an instance gone: no figure rather than a partial one").isEmpty();
    } else {
      assertThat(measured).containsOnly(entry("service", ticks));
    }
  }

  @Test
  void aGroupWhoseProcessIsGoneOrUnknownHasNoTicks() {
    var groups =
        List.of(
            Group.process("service", 9999),
            Group.unknown("Kafka broker", "only known in the local run"),
            Group.tree("PostgreSQL", 700));

    assertThat(ProcessCpu.ticks(groups, PROCESSES)).containsOnlyKeys("PostgreSQL");
  }

  @ParameterizedTest(
      name = "{0} to {1} ticks at {2}/s over {3} s, {4} decided: {5} s, {6} ms each, {7} cores")
  @CsvSource({
    "1000, 1780, 100,  20, 6000, 7.8,  1.3,  0.39",
    "1000, 1000, 100,  20, 6000, 0.0,  0.0,  0.0",
    "0,    2500, 1000, 10, 1000, 2.5,  2.5,  0.25",
    "500,  700,  100,  4,  0,    2.0,     ,  0.5"
  })
  void cpuPerApplicationIsTheStepsCpuSecondsOverItsDecisions(
      long before,
      long after,
      long ticksPerSecond,
      double window,
      long decided,
      double seconds,
      Double msPerApplication,
      double cores) {
    var groups = List.of(Group.process("service", 4242));

    var cpu =
        ProcessCpu.usage(
            groups,
            Map.of("service", before),
            Map.of("service", after),
            ticksPerSecond,
            window,
            decided,
            true);

    var use = cpu.of("service").orElseThrow();
    assertThat(use.cpuSeconds()).isCloseTo(seconds, offset(1e-9));
    if (msPerApplication == null) {
      assertThat(use.msPerApplication()).isNull();
    } else {
      assertThat(use.msPerApplication()).isCloseTo(msPerApplication, offset(1e-9));
    }
    assertThat(use.cores()).isCloseTo(cores, offset(1e-9));
  }

  @Test
  void whatCouldNotBeReadIsNotMeasuredAndSaysWhy() {
    var groups =
        List.of(
            Group.process("service", 4242),
            Group.unknown("Kafka broker", "only known in the local run"),
            Group.process("load generator", 1));

    var cpu =
        ProcessCpu.usage(
            groups,
            Map.of("service", 10L, "load generator", 10L),
            Map.of("load generator", 20L),
            100,
            10,
            100,
            true);

    assertThat(cpu.processes())
        .extracting(StepCpu.Use::process, StepCpu.Use::note)
        .containsExactly(
            tuple("service", "process gone during the step"),
            tuple("Kafka broker", "only known in the local run"),
            tuple("load generator", ""));
    assertThat(cpu.totalMsPerApplication()).isNull();
  }

  @Test
  void withoutProcNothingIsMeasured() {
    var cpu =
        ProcessCpu.usage(
            List.of(Group.process("service", 4242)), Map.of(), Map.of(), 100, 10, 100, false);

    assertThat(cpu.processes())
        .singleElement()
        .satisfies(
            use -> {
              assertThat(use.cpuSeconds()).isNull();
              assertThat(use.note()).isEqualTo("no /proc on this machine");
            });
    assertThat(Report.cpuSummary(cpu)).isEqualTo("service not measured (no /proc on this machine)");
  }

  @Test
  void readsThisJvmsTimeFromProc() {
    assumeThat(ProcessCpu.available()).as("/proc").isTrue();
    long self = ProcessHandle.current().pid();
    var cpu = ProcessCpu.of(List.of(Group.process("load generator", self)));

    var before = cpu.snapshot();
    long spin = System.nanoTime() + 300_000_000L;
    double sink = 0;
    while (System.nanoTime() < spin) {
      sink += Math.sqrt(sink + 1);
    }
    var after = cpu.snapshot();

    assertThat(sink).isPositive();
    var use = cpu.between(before, after, 1).of("load generator").orElseThrow();
    assertThat(use.cpuSeconds()).isGreaterThan(0.05);
    assertThat(ProcessCpu.postmasterOf(self)).isEmpty();
  }

  private static Stat stat(String line) {
    return Stat.parse(line).orElseThrow();
  }
}
