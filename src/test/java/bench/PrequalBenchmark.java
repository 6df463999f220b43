package bench;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import harness.ApplicationStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end benchmark of issue 5 (README "Performance"):
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench test-compile exec:exec -Dbench.rate=500 -Dbench.duration=60s
 * </pre>
 *
 * <p>It starts the local run (see {@link LocalDeployment}) unless {@code -Dbench.url} and {@code
 * -Dbench.jdbc} name a running deployment, measures the service's cold start, warms it up, then
 * offers each {@code bench.rate} in turn for {@code bench.duration} (open loop, {@link
 * OpenLoopLoad}) and, with {@code -Dbench.search=true}, steps through {@code bench.search-rates}
 * until one is not sustainable. After each step it waits for the backlog to drain and reads the
 * decisions from the database. Last, with the service stopped, it measures the same PostgreSQL
 * server with pgbench. Results go to {@code target/bench/results-<timestamp>.json} and {@code
 * target/bench/results.md}, and the Markdown to standard output.
 *
 * <p>The applications are {@link ApplicationStream}'s realistic mix, from its fixed seed.
 */
public final class PrequalBenchmark {

  private static final Path OUTPUT = Path.of("target", "bench");
  private static final long SEED = 20_251_128L;
  private static final Duration DRAIN_POLL = Duration.ofMillis(250);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final BenchSettings settings;
  private RunDatabase database;
  private OpenLoopLoad load;
  private ApplicationStream mix;

  /** The service's processes whose CPU and memory are read: the instances, or none if unknown. */
  private List<Long> servicePids;

  private ProcessCpu cpu;

  private PrequalBenchmark(BenchSettings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    quietLibraryLogging();
    try {
      new PrequalBenchmark(BenchSettings.fromSystemProperties()).run();
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
    // No thread left behind (HTTP client, JDBC driver) may keep the JVM up.
    System.exit(0);
  }

  private void run() {
    var started = Instant.now();
    var stamp = STAMP.format(started);
    var machine = Machine.describe();
    log("Benchmark " + stamp + ": " + settings.describe());
    LocalDeployment local = null;
    Thread cleanup = null;
    try {
      List<String> baseUrls;
      String jdbcUrl;
      if (settings.local()) {
        log(
            "Starting PostgreSQL, Kafka and "
                + Report.instances(settings.instances())
                + " of the service (prequal.LocalPrequalApplication), one after the other");
        local =
            LocalDeployment.start(
                OUTPUT.resolve("run-" + stamp), settings.serviceJvmOptions(), settings.instances());
        cleanup = closeOnExit(local);
        baseUrls = local.baseUrls();
        jdbcUrl = local.jdbcUrl();
        servicePids = local.servicePids();
        for (var instance : local.instances()) {
          log(
              "Service healthy at "
                  + instance.baseUrl()
                  + " after "
                  + instance.startup().toMillis()
                  + " ms (pid "
                  + instance.pid()
                  + ", log "
                  + instance.log()
                  + ")");
        }
      } else {
        baseUrls = List.of(settings.url());
        jdbcUrl = settings.jdbcUrl();
        servicePids = settings.servicePid() > 0 ? List.of(settings.servicePid()) : List.of();
      }
      var user = settings.local() ? "postgres" : settings.jdbcUser();
      var password = settings.local() ? "" : settings.jdbcPassword();
      database = new RunDatabase(jdbcUrl, user, password);
      load = new OpenLoopLoad(baseUrls, settings.maxInFlight());
      // Only its applications are used, not its client.
      mix = new ApplicationStream(baseUrls.get(0), SEED);
      var postgres = database.serverSettings();
      cpu = ProcessCpu.of(cpuGroups(local));

      var steps = new ArrayList<StepResult>();
      if (!settings.warmup().isZero()) {
        steps.add(step("warm-up", StepResult.WARM_UP, settings.warmupRate(), settings.warmup()));
      }
      // The search first: its rising rates warm the JIT compiler without a backlog, so the
      // fixed-rate steps measure the service as it runs for hours, not its first minute.
      BenchRun.Search search = null;
      if (settings.search()) {
        search = search(steps);
      }
      for (int rate : settings.rates()) {
        steps.add(step("run " + rate + "/s", StepResult.RUN, rate, settings.duration()));
      }

      Long rssPeak = null;
      Double coldStart = null;
      List<String> serviceLogs = List.of();
      if (local != null) {
        rssPeak = boxed(largestMemoryMb("VmHWM"));
        coldStart = local.coldStart().toMillis() / 1000.0;
        serviceLogs =
            local.instances().stream().map(instance -> instance.log().toString()).toList();
        // pgbench measures the server on its own: nothing of the service's keeps it busy.
        local.stopServices();
      }
      var deployment =
          new BenchRun.Deployment(
              settings.local() ? "local" : "external",
              baseUrls.size(),
              baseUrls,
              settings.serviceJvmOptions(),
              coldStart,
              rssPeak,
              serviceLogs,
              postgres);

      var baseline = baseline(jdbcUrl, user, password, OUTPUT.resolve("run-" + stamp));
      var pgbench = baseline.result();

      var throughput = Report.throughputStep(steps);
      var run =
          new BenchRun(
              started.toString(),
              Instant.now().toString(),
              settings.command(),
              machine,
              Machine.loadAverage(),
              settings.describe(),
              deployment,
              steps,
              search,
              pgbench,
              baseline.note(),
              throughput.map(StepResult::decidedPerSecond).orElse(null),
              pgbench == null || throughput.isEmpty()
                  ? null
                  : throughput.get().decidedPerSecond() / pgbench.tps(),
              Report.targets(steps, deployment, pgbench));
      var markdown = Report.write(run, OUTPUT, stamp);
      System.out.println();
      System.out.println(markdown);
      log(
          "Results: "
              + OUTPUT.resolve("results-" + stamp + ".json")
              + " and "
              + OUTPUT.resolve("results.md"));
    } finally {
      if (local != null) {
        local.close();
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
  }

  /** The processes whose CPU time each step reports, and why any of them cannot be. */
  private List<ProcessCpu.Group> cpuGroups(LocalDeployment local) {
    var service =
        !servicePids.isEmpty()
            ? ProcessCpu.Group.processes(ProcessCpu.SERVICE, servicePids)
            : ProcessCpu.Group.unknown(
                ProcessCpu.SERVICE,
                "needs the service's process: the local run, or -Dbench.service-pid");
    var postmaster = database.postmasterPid();
    var postgres =
        postmaster.isPresent()
            ? ProcessCpu.Group.tree(ProcessCpu.POSTGRES, postmaster.getAsLong())
            : ProcessCpu.Group.unknown(
                ProcessCpu.POSTGRES, "the server is not a process on this machine");
    var kafka =
        local != null
            ? ProcessCpu.Group.process(ProcessCpu.KAFKA, local.brokerPid())
            : ProcessCpu.Group.unknown(ProcessCpu.KAFKA, "only known in the local run");
    var loadGenerator =
        ProcessCpu.Group.process(ProcessCpu.LOAD_GENERATOR, ProcessHandle.current().pid());
    return List.of(service, postgres, kafka, loadGenerator);
  }

  /**
   * The Kafka admin client (waiting for the broker) and the embedded PostgreSQL log every step at
   * INFO, and the admin client warns about each refused connection while the broker starts; the
   * harness's own progress lines are what a reader of its output needs.
   */
  private static void quietLibraryLogging() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
  }

  /** Ctrl-C must not leave the service, the broker and PostgreSQL running. */
  private static Thread closeOnExit(LocalDeployment local) {
    var cleanup = new Thread(local::close, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    return cleanup;
  }

  /** pgbench on the service's PostgreSQL server, or why it did not run. */
  private Baseline baseline(String jdbcUrl, String user, String password, Path workDir) {
    if (!settings.pgbench()) {
      return new Baseline(null, "-Dbench.pgbench=false");
    }
    var binary = PgBench.find();
    if (binary.isEmpty()) {
      return new Baseline(
          null,
          "no pgbench on the PATH or under /usr/lib/postgresql (apt-get install postgresql-client)");
    }
    log(
        "pgbench: "
            + settings.pgbenchClients()
            + " clients for "
            + settings.pgbenchDuration().toSeconds()
            + " s");
    var result =
        PgBench.run(
            binary.get(),
            database,
            jdbcUrl,
            user,
            password,
            settings.pgbenchClients(),
            settings.pgbenchDuration(),
            workDir);
    log("pgbench: " + Report.rate(result.tps()) + " TPS");
    return new Baseline(result, null);
  }

  private record Baseline(PgBench.Result result, String note) {}

  /** Offers the search rates in order, stopping at the first that is not sustainable. */
  private BenchRun.Search search(List<StepResult> steps) {
    Integer best = null;
    Double bestDecided = null;
    String stoppedAt = null;
    for (int rate : settings.searchRates()) {
      var step = step("search " + rate + "/s", StepResult.SEARCH, rate, settings.stepDuration());
      steps.add(step);
      if (!step.sustainable()) {
        stoppedAt = rate + "/s: " + step.verdict();
        break;
      }
      best = rate;
      bestDecided = step.decidedPerSecond();
    }
    return new BenchRun.Search(
        settings.searchRates(),
        BenchSettings.seconds(settings.stepDuration()),
        best,
        bestDecided,
        stoppedAt);
  }

  private StepResult step(String name, String kind, int rate, Duration duration) {
    int count = (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    var bodies = new ArrayList<String>(count);
    for (int i = 0; i < count; i++) {
      bodies.add(mix.nextApplication().toJson());
    }
    log(name + ": " + count + " applications over " + duration.toMillis() / 1000.0 + " s");

    long pendingBefore = database.pendingCount();
    var samples = Collections.synchronizedList(new ArrayList<Long>());
    var rssMax = new AtomicLong(-1);
    var sampler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var thread = new Thread(runnable, "bench-sampler");
              thread.setDaemon(true);
              return thread;
            });
    // Runs until shutdownNow below; a failed sample only loses that second's figure.
    var unused = sampler.scheduleAtFixedRate(() -> sample(samples, rssMax), 1, 1, TimeUnit.SECONDS);
    long gcBefore = gcMillis();
    var cpuBefore = cpu.snapshot();
    var client = load.run(bodies, rate);
    long gcMillis = gcMillis() - gcBefore;
    sampler.shutdownNow();
    awaitTermination(sampler);
    long pendingAtEnd = database.pendingCount();

    long drainStart = System.nanoTime();
    awaitDrained(pendingBefore);
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    var cpuAfter = cpu.snapshot();
    var decisions = database.decisions(client.accepted());
    var stepCpu = cpu.between(cpuBefore, cpuAfter, decisions.decided());

    double seconds = duration.toMillis() / 1000.0;
    List<Long> pending = List.copyOf(samples);
    // The sample nearest mid-step; a step shorter than two samples compares with its start.
    int mid = (int) Math.round(seconds / 2) - 1;
    long pendingAtMid = mid >= 0 && mid < pending.size() ? pending.get(mid) : pendingBefore;
    long growth = pendingAtEnd - pendingAtMid;
    long tolerance = StepResult.backlogTolerance(rate, seconds);
    var shortfalls =
        StepResult.shortfalls(
            client.errorCount(),
            decisions.notStored(),
            decisions.pending(),
            BenchSettings.seconds(settings.drain()),
            growth,
            tolerance,
            rate,
            decisions.decidedPerSecond());
    var result =
        new StepResult(
            name,
            kind,
            rate,
            seconds,
            client.sent(),
            client.accepted().size(),
            // Over the time the sending took: a client held back by its in-flight cap sends late.
            client.accepted().size() / Math.max(seconds, client.sendSpan().toNanos() / 1e9),
            client.errors(),
            StepResult.Latency.fromMicros(client.latency()),
            client.maxLag().toNanos() / 1e6,
            pendingBefore,
            pendingAtMid,
            pendingAtEnd,
            growth,
            tolerance,
            pending,
            drainSeconds,
            decisions.pending(),
            decisions.notStored(),
            decisions.decidedTwice(),
            StepResult.Latency.fromMicros(decisions.latency()),
            decisions.decidedPerSecond(),
            rssMax.get() < 0 ? null : rssMax.get(),
            gcMillis,
            stepCpu,
            shortfalls.isEmpty(),
            shortfalls.isEmpty() ? "sustainable" : String.join("; ", shortfalls));
    log(
        "%s: accepted %d/%d, submit p99 %s ms, decision p99 %s ms, decided %s/s, %s"
            .formatted(
                name,
                result.accepted(),
                result.sent(),
                result.submitLatencyMs() == null
                    ? "—"
                    : Report.millis(result.submitLatencyMs().p99()),
                result.decisionLatencyMs() == null
                    ? "—"
                    : Report.millis(result.decisionLatencyMs().p99()),
                Report.rate(result.decidedPerSecond()),
                result.verdict()));
    log(name + ": CPU per application: " + Report.cpuSummary(stepCpu));
    return result;
  }

  /**
   * Once a second under load: the PENDING count, and the service's resident set when known (the
   * largest instance's: the figure a memory limit per instance is set by).
   */
  private void sample(List<Long> pending, AtomicLong rssMax) {
    try {
      pending.add(database.pendingCount());
    } catch (RuntimeException e) {
      // A missed sample leaves a gap; the step's end-of-load count still comes from the main
      // thread.
      log("PENDING sample failed: " + e.getMessage());
    }
    largestMemoryMb("VmRSS").ifPresent(mb -> rssMax.accumulateAndGet(mb, Math::max));
  }

  /** A {@code /proc/<pid>/status} figure, the largest over the service's instances. */
  private OptionalLong largestMemoryMb(String field) {
    return servicePids.stream()
        .map(pid -> Machine.processMemoryMb(pid, field))
        .filter(OptionalLong::isPresent)
        .mapToLong(OptionalLong::getAsLong)
        .max();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(time -> time > 0)
        .sum();
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  private static void awaitTermination(ExecutorService executor) {
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits up to {@code bench.drain} for the PENDING count to fall back to {@code pendingBefore}. A
   * backlog left after that is no error here: the step reports it as still PENDING.
   */
  private void awaitDrained(long pendingBefore) {
    if (settings.drain().isZero() || settings.drain().isNegative()) {
      return;
    }
    try {
      await()
          .atMost(settings.drain())
          .pollDelay(Duration.ZERO)
          .pollInterval(DRAIN_POLL)
          .pollInSameThread()
          .dontCatchUncaughtExceptions()
          .until(() -> database.pendingCount() <= pendingBefore);
    } catch (ConditionTimeoutException stillPending) {
      // Counted by the step's decisions below.
    }
  }

  private static void log(String message) {
    System.out.println("[bench " + Instant.now() + "] " + message);
  }
}
