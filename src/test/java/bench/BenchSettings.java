package bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What one benchmark run does, from {@code bench.*} system properties (the {@code bench} Maven
 * profile passes them on). A property that is missing or empty takes the default below, so the
 * defaults live here only.
 *
 * @param url base URL of a running deployment, or null to start the local run in a child process
 * @param jdbcUrl the database of that deployment (required with {@code url}: decisions are read
 *     from it)
 * @param servicePid the process of that deployment whose resident memory is sampled, or 0
 * @param instances how many service processes the local run starts, all with every role, against
 *     the same broker and database
 * @param rates offered rates (applications/s) run one after the other, each for {@code duration}
 * @param warmup a first step, at the run's lowest rate, whose figures only warm the service up
 * @param drain how long after each step the harness waits for every application to be decided
 * @param search whether to run the maximum sustainable throughput search after the rates
 */
record BenchSettings(
    String url,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    long servicePid,
    int instances,
    List<Integer> rates,
    Duration duration,
    Duration warmup,
    Duration drain,
    boolean search,
    List<Integer> searchRates,
    Duration stepDuration,
    int maxInFlight,
    boolean pgbench,
    Duration pgbenchDuration,
    int pgbenchClients,
    List<String> serviceJvmOptions,
    String command) {

  static final List<Integer> DEFAULT_SEARCH_RATES =
      List.of(250, 300, 350, 400, 450, 500, 600, 750, 1000, 1250, 1500, 2000, 3000, 5000);

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  BenchSettings {
    if (url != null && jdbcUrl == null) {
      throw new IllegalArgumentException(
          "bench.url needs bench.jdbc: decision latency is read from the deployment's database");
    }
    if (instances < 1) {
      throw new IllegalArgumentException("bench.instances must be 1 or more: " + instances);
    }
    if (url != null && instances > 1) {
      throw new IllegalArgumentException(
          "bench.instances="
              + instances
              + " needs the local run: bench.url names a deployment the harness does not start,"
              + " so it cannot start more instances of it");
    }
    if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate <= 0)) {
      throw new IllegalArgumentException("bench.rate must be one or more rates above 0: " + rates);
    }
    if (searchRates.isEmpty() || searchRates.stream().anyMatch(rate -> rate <= 0)) {
      throw new IllegalArgumentException(
          "bench.search-rates must be rates above 0: " + searchRates);
    }
    if (duration.isZero() || stepDuration.isZero() || pgbenchDuration.isZero()) {
      throw new IllegalArgumentException("durations must be above zero");
    }
    if (maxInFlight <= 0 || pgbenchClients <= 0) {
      throw new IllegalArgumentException(
          "bench.max-in-flight and bench.pgbench-clients must be above 0");
    }
  }

  /**
   * The warm-up offers the lowest rate of the run: enough calls for the JIT compiler, and a rate a
   * cold service keeps up with, so no backlog is left to the steps that count.
   */
  int warmupRate() {
    var offered = new ArrayList<>(rates);
    if (search) {
      offered.addAll(searchRates);
    }
    return Collections.min(offered);
  }

  static BenchSettings fromSystemProperties() {
    return from(System.getProperties());
  }

  static BenchSettings from(Properties properties) {
    var values = new Values(properties);
    return new BenchSettings(
        values.text("bench.url", null),
        values.text("bench.jdbc", null),
        values.text("bench.jdbc-user", "postgres"),
        values.text("bench.jdbc-password", ""),
        Long.parseLong(values.text("bench.service-pid", "0")),
        Integer.parseInt(values.text("bench.instances", "1")),
        values.rates("bench.rate", List.of(500)),
        values.duration("bench.duration", Duration.ofSeconds(60)),
        values.duration("bench.warmup", Duration.ofSeconds(60)),
        values.duration("bench.drain", Duration.ofSeconds(30)),
        Boolean.parseBoolean(values.text("bench.search", "false")),
        values.rates("bench.search-rates", DEFAULT_SEARCH_RATES),
        values.duration("bench.step-duration", Duration.ofSeconds(20)),
        Integer.parseInt(values.text("bench.max-in-flight", "512")),
        Boolean.parseBoolean(values.text("bench.pgbench", "true")),
        values.duration("bench.pgbench-duration", Duration.ofSeconds(15)),
        Integer.parseInt(values.text("bench.pgbench-clients", "4")),
        values.text("bench.service-jvm-options", null) == null
            ? ContainerJvmOptions.of(Path.of("Dockerfile"))
            : values.words("bench.service-jvm-options"),
        mavenCommand(values.text("bench.command", null)));
  }

  boolean local() {
    return url == null;
  }

  /** The settings as they go into the results, durations in seconds. */
  Map<String, Object> describe() {
    var described = new LinkedHashMap<String, Object>();
    described.put("target", local() ? "local run (child processes)" : url);
    if (!local()) {
      described.put("jdbc", jdbcUrl);
    }
    described.put("rates", rates);
    described.put("durationSeconds", seconds(duration));
    described.put("warmupSeconds", seconds(warmup));
    described.put("drainSeconds", seconds(drain));
    described.put("search", search);
    if (search) {
      described.put("searchRates", searchRates);
      described.put("stepDurationSeconds", seconds(stepDuration));
    }
    described.put("maxInFlight", maxInFlight);
    described.put("pgbench", pgbench);
    if (pgbench) {
      described.put("pgbenchDurationSeconds", seconds(pgbenchDuration));
      described.put("pgbenchClients", pgbenchClients);
    }
    if (local()) {
      described.put("instances", instances);
      described.put("serviceJvmOptions", serviceJvmOptions);
    }
    return described;
  }

  static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601. */
  static Duration parseDuration(String text) {
    var trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("pt")) {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    }
    var matcher = DURATION.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not a duration: " + text + " (use 60s, 500ms, 2m)");
    }
    double amount = Double.parseDouble(matcher.group(1));
    var unit = matcher.group(2) == null ? "s" : matcher.group(2);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "m" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          default -> amount * 1_000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /**
   * The Maven command line as the user typed it, from Maven's {@code sun.java.command} (its
   * launcher class first, then the arguments), for the results.
   */
  static String mavenCommand(String javaCommand) {
    if (javaCommand == null || javaCommand.isBlank()) {
      return "java bench.PrequalBenchmark";
    }
    var words = javaCommand.trim().split("\\s+", 2);
    return words.length < 2 ? "./mvnw" : "./mvnw " + words[1];
  }

  private record Values(Properties properties) {

    String text(String name, String fallback) {
      var value = properties.getProperty(name);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    Duration duration(String name, Duration fallback) {
      var value = text(name, null);
      return value == null ? fallback : parseDuration(value);
    }

    List<Integer> rates(String name, List<Integer> fallback) {
      var value = text(name, null);
      if (value == null) {
        return fallback;
      }
      var rates = new ArrayList<Integer>();
      for (var part : value.split(",", -1)) {
        if (!part.isBlank()) {
          rates.add(Integer.parseInt(part.trim()));
        }
      }
      return List.copyOf(rates);
    }

    List<String> words(String name) {
      var value = text(name, null);
      return value == null ? List.of() : List.copyOf(Arrays.asList(value.split("\\s+", -1)));
    }
  }
}
