package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's own insert rate, as a yardstick for the service's: pgbench on the same server,
 * each transaction one single-row {@code INSERT} into a table shaped like {@code applications} (a
 * UUID key, the PAN, name and loan type, two {@code DECIMAL(12,2)} amounts, the same checks and
 * indexes), in a scratch schema that is dropped afterwards. The service does more per application
 * (three rows on submit, an update and an audit row on decision, Kafka in between), so its
 * throughput is read as a fraction of this one.
 */
final class PgBench {

  static final String SCHEMA = "bench_pgbench";

  private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
  private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
  private static final Pattern VERSION = Pattern.compile("pgbench \\(PostgreSQL\\) ([0-9.]+)");

  private static final String TABLE =
      """
      CREATE TABLE %1$s.applications (
          id                 UUID          PRIMARY KEY,
          pan_number         VARCHAR(10)   NOT NULL,
          applicant_name     VARCHAR(255),
          monthly_income_inr DECIMAL(12,2) NOT NULL CHECK (monthly_income_inr > 0),
          loan_amount_inr    DECIMAL(12,2) NOT NULL CHECK (loan_amount_inr > 0),
          loan_type          VARCHAR(20)   CHECK (loan_type IN ('PERSONAL', 'HOME', 'AUTO')),
          status             VARCHAR(20)   NOT NULL DEFAULT 'PENDING',
          cibil_score        INTEGER,
          created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
          updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
      );
      CREATE INDEX ON %1$s.applications (pan_number);
      CREATE INDEX ON %1$s.applications (status);
      CREATE INDEX ON %1$s.applications (created_at DESC)
      """;

  private static final String SCRIPT =
      """
      \\set income random(1500000, 30000000)
      \\set loan random(5000000, 1500000000)
      INSERT INTO %s.applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr, loan_type, status) VALUES (gen_random_uuid(), 'ABCDE1234F', 'Rajesh Kumar', :income / 100.0, :loan / 100.0, 'PERSONAL', 'PENDING');
      """;

  private PgBench() {}

  /** pgbench on the PATH, else the newest under Debian's {@code /usr/lib/postgresql}. */
  static Optional<Path> find() {
    var path = System.getenv("PATH");
    if (path != null) {
      for (var dir : path.split(":", -1)) {
        var candidate = Path.of(dir, "pgbench");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    var debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        return versions
            .map(version -> version.resolve("bin/pgbench"))
            .filter(Files::isExecutable)
            .max(Comparator.comparing(Path::toString));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Creates the scratch table, runs pgbench against it and drops the schema again. */
  static Result run(
      Path pgbench,
      RunDatabase database,
      String jdbcUrl,
      String user,
      String password,
      int clients,
      Duration duration,
      Path workDir) {
    var target = JdbcTarget.parse(jdbcUrl);
    recreateSchema(database);
    try {
      Files.createDirectories(workDir);
      var script = workDir.resolve("pgbench-insert.sql");
      Files.writeString(script, SCRIPT.formatted(SCHEMA), StandardCharsets.UTF_8);
      int jobs = Math.max(1, Math.min(clients, Runtime.getRuntime().availableProcessors()));
      var command =
          List.of(
              pgbench.toString(),
              "-n",
              "-M",
              "prepared",
              "-c",
              Integer.toString(clients),
              "-j",
              Integer.toString(jobs),
              "-T",
              Long.toString(Math.max(1, duration.toSeconds())),
              "-f",
              script.toString(),
              "-h",
              target.host(),
              "-p",
              Integer.toString(target.port()),
              "-U",
              user,
              target.database());
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("PGPASSWORD", password);
      var process = builder.start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "pgbench failed: " + String.join(" ", command) + "\n" + output);
      }
      var tps = parseTps(output);
      if (tps.isEmpty()) {
        throw new IllegalStateException("No tps in pgbench's output:\n" + output);
      }
      return new Result(
          version(pgbench),
          clients,
          jobs,
          duration.toSeconds(),
          tps.getAsDouble(),
          parseLatency(output).orElse(Double.NaN),
          String.join(" ", command),
          SCRIPT.formatted(SCHEMA).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run pgbench", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while pgbench ran", e);
    } finally {
      dropSchema(database);
    }
  }

  static OptionalDouble parseTps(String output) {
    var matcher = TPS.matcher(output);
    return matcher.find()
        ? OptionalDouble.of(Double.parseDouble(matcher.group(1)))
        : OptionalDouble.empty();
  }

  static OptionalDouble parseLatency(String output) {
    var matcher = LATENCY.matcher(output);
    return matcher.find()
        ? OptionalDouble.of(Double.parseDouble(matcher.group(1)))
        : OptionalDouble.empty();
  }

  private static String version(Path pgbench) {
    try {
      var process =
          new ProcessBuilder(pgbench.toString(), "--version").redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      var matcher = VERSION.matcher(output);
      return matcher.find() ? matcher.group(1) : output.strip();
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static void recreateSchema(RunDatabase database) {
    var statements = new ArrayList<String>();
    statements.add("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    statements.add("CREATE SCHEMA " + SCHEMA);
    Arrays.stream(TABLE.formatted(SCHEMA).split(";", -1))
        .filter(sql -> !sql.isBlank())
        .forEach(statements::add);
    try (var connection = database.connect();
        var statement = connection.createStatement()) {
      for (var sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the pgbench table in schema " + SCHEMA, e);
    }
  }

  private static void dropSchema(RunDatabase database) {
    try (var connection = database.connect();
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    } catch (SQLException e) {
      System.err.println("Could not drop schema " + SCHEMA + ": " + e);
    }
  }

  /**
   * @param tps transactions per second, without the initial connection time
   * @param latencyMs pgbench's average transaction latency
   */
  record Result(
      String version,
      int clients,
      int jobs,
      long durationSeconds,
      double tps,
      double latencyMs,
      String command,
      String script) {}

  /** Host, port and database of a single-host PostgreSQL JDBC URL, as pgbench wants them. */
  record JdbcTarget(String host, int port, String database) {

    private static final Pattern URL =
        Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(?:\\?.*)?$");

    static JdbcTarget parse(String jdbcUrl) {
      var matcher = URL.matcher(jdbcUrl);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("Not a single-host PostgreSQL JDBC URL: " + jdbcUrl);
      }
      int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
      var database = matcher.group(3).isEmpty() ? "postgres" : matcher.group(3);
      return new JdbcTarget(matcher.group(1), port, database);
    }
  }
}
