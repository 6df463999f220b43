package bench;

import static bench.BenchRun.Verdict.MET;
import static bench.BenchRun.Verdict.NOT_MEASURED;
import static bench.BenchRun.Verdict.NOT_MET;

import bench.BenchRun.Verdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Issue 12's targets judged against a run's figures, and the run written out as JSON and as a
 * Markdown table. Each target's text is built from its constants, so the threshold a run is judged
 * by and the one it prints are the same.
 *
 * <p>A target is <em>met</em> or <em>not met</em> only when the run exercised what it is about (the
 * sustained-rate target needs a step offering at least that rate for at least 60 s; the latency
 * targets a step at exactly their rate); otherwise it is <em>not measured</em>, with the option
 * that would measure it. A figure that already breaks a target (a resident set above 600 MB at any
 * rate) is <em>not met</em> whatever the rate.
 */
final class Report {

  static final int SUSTAINED_RATE_TARGET = 2_000;
  static final double SUSTAINED_SECONDS_TARGET = 60;
  static final int LATENCY_TARGET_RATE = 1_000;
  static final double SUBMIT_P99_TARGET_MS = 50;
  static final double DECISION_P99_TARGET_MS = 1_000;
  static final double PGBENCH_RATIO_TARGET = 0.23;
  static final double COLD_START_TARGET_SECONDS = 8;
  static final long RSS_TARGET_MB = 600;

  static final String SUSTAINED_TARGET =
      "≥ %s applications/s decided end to end, sustained for %s s, nothing left PENDING after the drain"
          .formatted(rate(SUSTAINED_RATE_TARGET), number(SUSTAINED_SECONDS_TARGET));
  static final String SUBMIT_TARGET =
      "submit p99 ≤ %s at %s applications/s offered"
          .formatted(limit(SUBMIT_P99_TARGET_MS), rate(LATENCY_TARGET_RATE));
  static final String DECISION_TARGET =
      "decision p99 ≤ %s at %s applications/s offered"
          .formatted(limit(DECISION_P99_TARGET_MS), rate(LATENCY_TARGET_RATE));
  static final String PGBENCH_TARGET =
      "decided/s ≥ %s × pgbench single-row insert TPS (same server, same run)"
          .formatted(PGBENCH_RATIO_TARGET);
  static final String COLD_START_TARGET =
      "cold start of all roles ≤ %s s".formatted(number(COLD_START_TARGET_SECONDS));
  static final String RSS_TARGET =
      "service resident memory ≤ %d MB under the %s/s load"
          .formatted(RSS_TARGET_MB, rate(SUSTAINED_RATE_TARGET));
  static final String CPU_TARGET =
      "CPU per application, by process (%s), reported"
          .formatted(String.join(", ", ProcessCpu.PROCESSES));

  private static final String SUSTAINED_OPTION =
      "needs a step offering ≥ %s/s for ≥ %s s: -Dbench.rate=%d -Dbench.duration=%ss"
          .formatted(
              rate(SUSTAINED_RATE_TARGET),
              number(SUSTAINED_SECONDS_TARGET),
              SUSTAINED_RATE_TARGET,
              number(SUSTAINED_SECONDS_TARGET));
  private static final String LATENCY_OPTION =
      "needs a step at %s/s: -Dbench.rate=%d"
          .formatted(rate(LATENCY_TARGET_RATE), LATENCY_TARGET_RATE);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Report() {}

  /** The highest decided/s of a sustainable measured step, or of any measured step if none was. */
  static Optional<StepResult> throughputStep(List<StepResult> steps) {
    var measured = steps.stream().filter(StepResult::measured).toList();
    var best = Comparator.comparingDouble(StepResult::decidedPerSecond);
    var sustainable = measured.stream().filter(StepResult::sustainable).max(best);
    return sustainable.isPresent() ? sustainable : measured.stream().max(best);
  }

  static List<Verdict> targets(
      List<StepResult> steps, BenchRun.Deployment deployment, PgBench.Result pgbench) {
    var measured = steps.stream().filter(StepResult::measured).toList();
    var verdicts = new ArrayList<Verdict>();
    verdicts.add(sustainedThroughput(measured));
    var latencyStep = latencyStep(measured);
    verdicts.add(submitLatency(latencyStep));
    verdicts.add(decisionLatency(latencyStep));
    verdicts.add(pgbenchRatio(measured, pgbench));
    verdicts.add(cpuPerApplication(measured));
    verdicts.add(coldStart(deployment));
    verdicts.add(residentMemory(steps));
    return verdicts;
  }

  /**
   * Judged on a step offering at least the rate for at least the time: met when it was sustainable,
   * which means every application stored and decided within the drain (none left PENDING),
   * decisions keeping pace with the offer and the backlog flat.
   */
  private static Verdict sustainedThroughput(List<StepResult> measured) {
    var candidates =
        measured.stream()
            .filter(step -> step.offeredPerSecond() >= SUSTAINED_RATE_TARGET)
            .filter(step -> step.durationSeconds() >= SUSTAINED_SECONDS_TARGET)
            .toList();
    if (candidates.isEmpty()) {
      var best =
          measured.stream()
              .filter(StepResult::sustainable)
              .max(Comparator.comparingDouble(StepResult::decidedPerSecond));
      var figure =
          best.map(
                  step ->
                      "%s decided/s sustained at %d/s offered for %s s"
                          .formatted(
                              rate(step.decidedPerSecond()),
                              step.offeredPerSecond(),
                              number(step.durationSeconds())))
              .orElse("no sustainable step");
      return new Verdict(SUSTAINED_TARGET, figure, NOT_MEASURED, SUSTAINED_OPTION);
    }
    var sustained = candidates.stream().filter(StepResult::sustainable).findFirst();
    if (sustained.isPresent()) {
      var step = sustained.get();
      return new Verdict(
          SUSTAINED_TARGET,
          "%s decided/s at %d/s offered for %s s, none PENDING after the drain, backlog flat"
              .formatted(
                  rate(step.decidedPerSecond()),
                  step.offeredPerSecond(),
                  number(step.durationSeconds())),
          MET,
          "");
    }
    var step = candidates.get(0);
    return new Verdict(
        SUSTAINED_TARGET,
        "%s decided/s at %d/s offered for %s s, %d PENDING after the drain"
            .formatted(
                rate(step.decidedPerSecond()),
                step.offeredPerSecond(),
                number(step.durationSeconds()),
                step.stillPending()),
        NOT_MET,
        step.verdict());
  }

  /** The step at the latency targets' rate: a "run" step before a search step, then the longest. */
  private static Optional<StepResult> latencyStep(List<StepResult> measured) {
    return measured.stream()
        .filter(step -> step.offeredPerSecond() == LATENCY_TARGET_RATE)
        .max(
            Comparator.comparing((StepResult step) -> StepResult.RUN.equals(step.kind()))
                .thenComparingDouble(StepResult::durationSeconds));
  }

  private static Verdict submitLatency(Optional<StepResult> step) {
    if (step.isEmpty() || step.get().submitLatencyMs() == null) {
      return new Verdict(SUBMIT_TARGET, "—", NOT_MEASURED, LATENCY_OPTION);
    }
    double p99 = step.get().submitLatencyMs().p99();
    return new Verdict(
        SUBMIT_TARGET,
        "p99 %s ms (%s s at %d/s)"
            .formatted(millis(p99), number(step.get().durationSeconds()), LATENCY_TARGET_RATE),
        p99 <= SUBMIT_P99_TARGET_MS ? MET : NOT_MET,
        "");
  }

  private static Verdict decisionLatency(Optional<StepResult> step) {
    if (step.isEmpty()) {
      return new Verdict(DECISION_TARGET, "—", NOT_MEASURED, LATENCY_OPTION);
    }
    var latency = step.get().decisionLatencyMs();
    if (latency == null) {
      return new Verdict(DECISION_TARGET, "nothing decided", NOT_MET, step.get().verdict());
    }
    boolean allDecided = step.get().stillPending() == 0 && step.get().notStored() == 0;
    return new Verdict(
        DECISION_TARGET,
        "p99 %s ms (%s s at %d/s)"
            .formatted(
                millis(latency.p99()), number(step.get().durationSeconds()), LATENCY_TARGET_RATE),
        latency.p99() <= DECISION_P99_TARGET_MS && allDecided ? MET : NOT_MET,
        allDecided ? "" : step.get().verdict());
  }

  private static Verdict pgbenchRatio(List<StepResult> measured, PgBench.Result pgbench) {
    if (pgbench == null) {
      return new Verdict(PGBENCH_TARGET, "—", NOT_MEASURED, "pgbench did not run");
    }
    var step = throughputStep(measured);
    if (step.isEmpty()) {
      return new Verdict(PGBENCH_TARGET, "—", NOT_MEASURED, "no measured step");
    }
    double ratio = step.get().decidedPerSecond() / pgbench.tps();
    var figure =
        "%s decided/s ÷ %s TPS = %.3f"
            .formatted(rate(step.get().decidedPerSecond()), rate(pgbench.tps()), ratio);
    if (ratio >= PGBENCH_RATIO_TARGET) {
      return new Verdict(PGBENCH_TARGET, figure, MET, "");
    }
    // Below the ratio only counts against the service if the run found its limit; a run that
    // never pushed it only shows the rate it offered.
    boolean limitFound = measured.stream().anyMatch(s -> !s.sustainable());
    return limitFound
        ? new Verdict(PGBENCH_TARGET, figure, NOT_MET, "")
        : new Verdict(
            PGBENCH_TARGET,
            figure,
            NOT_MEASURED,
            "every step was sustainable, so this is the offered rate, not the limit: add -Dbench.search=true");
  }

  /** Reported for the step the throughput figures come from: met when every process was read. */
  private static Verdict cpuPerApplication(List<StepResult> measured) {
    var step = throughputStep(measured);
    if (step.isEmpty() || step.get().cpu() == null) {
      return new Verdict(CPU_TARGET, "—", NOT_MEASURED, "no measured step");
    }
    var cpu = step.get().cpu();
    var figure = "at %d/s offered: %s".formatted(step.get().offeredPerSecond(), cpuSummary(cpu));
    var missing =
        cpu.processes().stream()
            .filter(use -> use.msPerApplication() == null)
            .map(
                use ->
                    use.process() + ": " + (use.note().isEmpty() ? "nothing decided" : use.note()))
            .toList();
    return missing.isEmpty()
        ? new Verdict(CPU_TARGET, figure, MET, "")
        : new Verdict(CPU_TARGET, figure, NOT_MEASURED, String.join("; ", missing));
  }

  private static Verdict coldStart(BenchRun.Deployment deployment) {
    if (deployment.coldStartSeconds() == null) {
      return new Verdict(
          COLD_START_TARGET,
          "—",
          NOT_MEASURED,
          "only measured when the harness starts the local run");
    }
    double seconds = deployment.coldStartSeconds();
    return new Verdict(
        COLD_START_TARGET,
        "%.2f s (%sprocess start to /health 200)"
            .formatted(seconds, deployment.instances() > 1 ? "first instance, " : ""),
        seconds <= COLD_START_TARGET_SECONDS ? MET : NOT_MET,
        "");
  }

  private static Verdict residentMemory(List<StepResult> steps) {
    var sampled = steps.stream().filter(step -> step.serviceRssMaxMb() != null).toList();
    if (sampled.isEmpty()) {
      return new Verdict(
          RSS_TARGET,
          "—",
          NOT_MEASURED,
          "needs the service's process: the local run, or -Dbench.service-pid");
    }
    var largest = sampled.stream().max(Comparator.comparingLong(StepResult::serviceRssMaxMb)).get();
    var figure =
        "max %d MB (VmRSS, at %d/s offered)"
            .formatted(largest.serviceRssMaxMb(), largest.offeredPerSecond());
    if (largest.serviceRssMaxMb() > RSS_TARGET_MB) {
      return new Verdict(RSS_TARGET, figure, NOT_MET, "");
    }
    boolean underTargetLoad =
        sampled.stream()
            .anyMatch(step -> step.measured() && step.offeredPerSecond() >= SUSTAINED_RATE_TARGET);
    return underTargetLoad
        ? new Verdict(RSS_TARGET, figure, MET, "")
        : new Verdict(
            RSS_TARGET,
            figure,
            NOT_MEASURED,
            "no step offered ≥ %s/s".formatted(rate(SUSTAINED_RATE_TARGET)));
  }

  /** Writes {@code results-<timestamp>.json} and {@code results.md}; returns the Markdown. */
  static String write(BenchRun run, Path directory, String timestamp) {
    var markdown = markdown(run);
    try {
      Files.createDirectories(directory);
      JSON.writeValue(directory.resolve("results-" + timestamp + ".json").toFile(), run);
      Files.writeString(directory.resolve("results.md"), markdown, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the results under " + directory, e);
    }
    return markdown;
  }

  static String markdown(BenchRun run) {
    var out = new StringBuilder();
    out.append("# Benchmark results\n\n");
    out.append("- **Run**: ")
        .append(run.startedAt())
        .append(" to ")
        .append(run.finishedAt())
        .append('\n');
    out.append("- **Command**: `").append(run.command()).append("`\n");
    var machine = run.machine();
    out.append(
        "- **Machine**: %s CPUs (%s), %s MB memory, %s, Java %s; load average %s at the start, %s at the end\n"
            .formatted(
                machine.get("cpus"),
                machine.get("cpuModel"),
                machine.get("memoryMb"),
                machine.get("os"),
                machine.get("java"),
                machine.get("loadAverageAtStart"),
                run.loadAverageAtEnd()));
    out.append("- **Deployment**: ").append(deployment(run.deployment())).append('\n');
    if (run.pgbench() != null) {
      var pgbench = run.pgbench();
      out.append(
          "- **pgbench** %s: %s TPS, %d clients, %d s, one single-row INSERT per transaction (average latency %s ms)\n"
              .formatted(
                  pgbench.version(),
                  rate(pgbench.tps()),
                  pgbench.clients(),
                  pgbench.durationSeconds(),
                  millis(pgbench.latencyMs())));
    } else {
      out.append("- **pgbench**: not run (").append(run.pgbenchNote()).append(")\n");
    }
    if (run.search() != null) {
      var search = run.search();
      out.append("- **Maximum sustainable throughput**: ")
          .append(
              search.maxSustainableRate() == null
                  ? "none of the rates tried"
                  : "%d/s offered (%s decided/s)"
                      .formatted(search.maxSustainableRate(), rate(search.decidedPerSecondAtMax())))
          .append(", steps of %s s".formatted(number(search.stepSeconds())))
          .append(
              search.stoppedAt() == null
                  ? "; every rate tried was sustainable"
                  : "; stopped at " + search.stoppedAt())
          .append('\n');
    }

    out.append("\n## Targets\n\n| Target | Figure | Result |\n|---|---|---|\n");
    for (var verdict : run.targets()) {
      out.append(
          "| %s | %s | %s |\n"
              .formatted(
                  verdict.target(),
                  verdict.figure(),
                  verdict.note().isEmpty()
                      ? "**" + verdict.result() + "**"
                      : "**" + verdict.result() + "**: " + verdict.note()));
    }

    out.append("\n## Steps\n\n");
    out.append(
        "| Step | Offered/s | Duration | Accepted/s | Errors | Submit p50 / p95 / p99 / max (ms) "
            + "| Decision p50 / p95 / p99 / max (ms) | Decided/s | PENDING after drain | Backlog growth | Service RSS | Sustainable |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (var step : run.steps()) {
      out.append(
          "| %s | %d | %s s | %s | %s | %s | %s | %s | %d | %d (≤ %d) | %s | %s |\n"
              .formatted(
                  step.name(),
                  step.offeredPerSecond(),
                  number(step.durationSeconds()),
                  rate(step.acceptedPerSecond()),
                  errors(step.errors()),
                  latency(step.submitLatencyMs()),
                  latency(step.decisionLatencyMs()),
                  rate(step.decidedPerSecond()),
                  step.stillPending(),
                  step.backlogGrowth(),
                  step.backlogTolerance(),
                  step.serviceRssMaxMb() == null ? "—" : step.serviceRssMaxMb() + " MB",
                  step.sustainable() ? "yes" : "no: " + step.verdict()));
    }
    out.append(cpuTable(run.steps()));
    out.append(
        "\nSubmit latency is counted from each request's intended send time (open loop); decision latency "
            + "from the application's `created_at` to its decision's audit event; decided/s over the span from "
            + "the step's first decision to its last; CPU per application is each process's user and system time "
            + "(PostgreSQL: the postmaster and every backend) from the start of the load to the end of the drain, over "
            + "the step's applications decided. Warm-up steps are not used for the targets.\n");
    return out.toString();
  }

  /** CPU per application and cores kept busy, by process, one row per step. */
  static String cpuTable(List<StepResult> steps) {
    var out = new StringBuilder("\n## CPU per application\n\n| Step | Window | Decided |");
    ProcessCpu.PROCESSES.forEach(process -> out.append(' ').append(process).append(" |"));
    out.append(" All four |\n|---|---|---|");
    ProcessCpu.PROCESSES.forEach(process -> out.append("---|"));
    out.append("---|\n");
    for (var step : steps) {
      var cpu = step.cpu();
      if (cpu == null) {
        continue;
      }
      out.append(
          "| %s | %s s | %d |".formatted(step.name(), number(cpu.windowSeconds()), cpu.decided()));
      for (var process : ProcessCpu.PROCESSES) {
        out.append(' ')
            .append(cpu.of(process).map(Report::cpuCell).orElse("not measured"))
            .append(" |");
      }
      out.append(' ').append(cpuCell(cpu.totalMsPerApplication(), cpu.totalCores())).append(" |\n");
    }
    return out.toString();
  }

  /** One line for the log and the targets: each process's milliseconds per application. */
  static String cpuSummary(StepCpu cpu) {
    var parts = new ArrayList<String>();
    for (var use : cpu.processes()) {
      parts.add(use.process() + " " + cpuCell(use));
    }
    var total = cpu.totalMsPerApplication();
    if (total != null) {
      parts.add("all four %s ms".formatted(millis(total)));
    }
    return String.join(", ", parts);
  }

  private static String cpuCell(StepCpu.Use use) {
    if (use.cpuSeconds() == null) {
      return "not measured (" + use.note() + ")";
    }
    return cpuCell(use.msPerApplication(), use.cores());
  }

  private static String cpuCell(Double msPerApplication, Double cores) {
    if (cores == null) {
      return "—";
    }
    var perApplication = msPerApplication == null ? "—" : millis(msPerApplication) + " ms";
    return "%s (%s cores)".formatted(perApplication, String.format(Locale.ROOT, "%.2f", cores));
  }

  static boolean durable(Map<String, String> postgres) {
    return "on".equals(postgres.get("fsync")) && "on".equals(postgres.get("synchronous_commit"));
  }

  /** The Deployment line of the results: what ran, where, and how its memory was read. */
  static String deployment(BenchRun.Deployment deployment) {
    var postgres = deployment.postgres();
    var database =
        "PostgreSQL %s (fsync %s, synchronous_commit %s, shared_buffers %s)"
            .formatted(
                postgres.get("server_version"),
                postgres.get("fsync"),
                postgres.get("synchronous_commit"),
                postgres.get("shared_buffers"));
    if (!durable(postgres)) {
      database += " — NOT DURABLE: commits are not flushed, so these figures flatter the service";
    }
    if (deployment.coldStartSeconds() == null) {
      return "%s, database %s".formatted(String.join(", ", deployment.baseUrls()), database);
    }
    var options =
        deployment.serviceJvmOptions().isEmpty()
            ? "JVM defaults"
            : String.join(" ", deployment.serviceJvmOptions());
    var peak =
        deployment.serviceRssPeakMb() == null ? "unknown" : deployment.serviceRssPeakMb() + " MB";
    if (deployment.instances() == 1) {
      return ("local run: 1 instance of `prequal.LocalPrequalApplication` (all roles) in a child JVM (%s), "
              + "a Kafka broker in its own JVM, embedded %s; service peak resident set (VmHWM) %s")
          .formatted(options, database, peak);
    }
    return ("local run: %s of `prequal.LocalPrequalApplication` (all roles), each in a child JVM of its own "
            + "(%s), started one after the other and sharing one Kafka broker in its own JVM and the embedded %s; "
            + "the load spread over their connections round-robin, their CPU summed as the service's; "
            + "resident sets (VmHWM here, VmRSS in the steps) are the largest instance's: peak %s")
        .formatted(instances(deployment.instances()), options, database, peak);
  }

  /** {@code 1 instance}, {@code 2 instances}. */
  static String instances(int count) {
    return count == 1 ? "1 instance" : count + " instances";
  }

  private static String latency(StepResult.Latency latency) {
    if (latency == null) {
      return "—";
    }
    return "%s / %s / %s / %s"
        .formatted(
            millis(latency.p50()),
            millis(latency.p95()),
            millis(latency.p99()),
            millis(latency.max()));
  }

  private static String errors(Map<String, Long> errors) {
    if (errors.isEmpty()) {
      return "0";
    }
    return errors.entrySet().stream()
        .map(entry -> entry.getValue() + " × " + entry.getKey())
        .collect(Collectors.joining(", "));
  }

  /** A threshold as it reads best: {@code 50 ms}, {@code 1 s}. */
  static String limit(double millis) {
    return millis >= 1_000 ? number(millis / 1_000) + " s" : number(millis) + " ms";
  }

  static String millis(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }

  static String rate(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String number(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
