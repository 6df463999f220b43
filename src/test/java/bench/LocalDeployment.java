package bench;

import harness.ChildJvm;
import harness.HealthEndpoint;
import harness.KafkaBrokerProcess;
import harness.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local run under test, as three processes so that each one's CPU and memory are its own: the
 * embedded PostgreSQL (native processes, started from this JVM), a Kafka broker in a JVM of its
 * own, and the service itself, {@code prequal.LocalPrequalApplication} with all roles, in a child
 * JVM pointed at both through {@code DB_URL} and {@code KAFKA_BOOTSTRAP_SERVERS} (so it starts
 * neither in-process). The service's resident memory and cold start are then the service's alone,
 * not the broker's, and its garbage collector never pauses the load generator.
 *
 * <p>The service's JSON log goes to a file under {@code target/bench}, kept for the profiling that
 * follows a run.
 */
final class LocalDeployment implements AutoCloseable {

  /** The broker with Kafka's own JVM settings (G1, 20 ms pause goal), on a smaller heap. */
  private static final List<String> BROKER_JVM_OPTIONS =
      List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration HEALTH_POLL = Duration.ofMillis(50);

  private final EmbeddedPostgres postgres;
  private final KafkaBrokerProcess kafka;
  private final Process service;
  private final String baseUrl;
  private final Path serviceLog;
  private final Duration coldStart;

  private LocalDeployment(
      EmbeddedPostgres postgres,
      KafkaBrokerProcess kafka,
      Process service,
      String baseUrl,
      Path serviceLog,
      Duration coldStart) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.service = service;
    this.baseUrl = baseUrl;
    this.serviceLog = serviceLog;
    this.coldStart = coldStart;
  }

  /**
   * Starts PostgreSQL, then Kafka, then the service, and returns once the service's {@code /health}
   * answers 200. The cold start is timed from just before the service's process is created to that
   * answer: JVM start-up, Spring and Camel, the Flyway migrations on an empty database and topic
   * creation, with the database and broker already up.
   */
  static LocalDeployment start(Path workDir, List<String> serviceJvmOptions) {
    EmbeddedPostgres postgres = null;
    KafkaBrokerProcess kafka = null;
    try {
      Files.createDirectories(workDir);
      postgres = durable(EmbeddedPostgres.builder()).start();
      kafka = KafkaBrokerProcess.start(workDir.resolve("kafka"), BROKER_JVM_OPTIONS);
      int port = Ports.free();
      var serviceLog = workDir.resolve("service.log");
      var builder =
          ChildJvm.processBuilder(
              ChildJvm.command(serviceJvmOptions, "prequal.LocalPrequalApplication"),
              Map.of(
                  "PORT",
                  Integer.toString(port),
                  "MANAGEMENT_PORT",
                  Integer.toString(Ports.free()),
                  "DB_URL",
                  postgres.getJdbcUrl("postgres", "postgres"),
                  "DB_USER",
                  "postgres",
                  "DB_PASSWORD",
                  "",
                  "KAFKA_BOOTSTRAP_SERVERS",
                  kafka.bootstrapServers()),
              serviceLog);
      var baseUrl = "http://127.0.0.1:" + port;
      long launched = System.nanoTime();
      var service = builder.start();
      try {
        HealthEndpoint.await(
            service, baseUrl, START_TIMEOUT, HEALTH_POLL, () -> "see " + serviceLog);
      } catch (RuntimeException e) {
        service.destroyForcibly();
        throw e;
      }
      var coldStart = Duration.ofNanos(System.nanoTime() - launched);
      return new LocalDeployment(postgres, kafka, service, baseUrl, serviceLog, coldStart);
    } catch (IOException | RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      closeQuietly(postgres);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot start the local run", io);
      }
      throw (RuntimeException) e;
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  long servicePid() {
    return service.pid();
  }

  long brokerPid() {
    return kafka.pid();
  }

  Duration coldStart() {
    return coldStart;
  }

  Path serviceLog() {
    return serviceLog;
  }

  /** SIGTERM to the service, so it drains and commits as in production; SIGKILL if it hangs. */
  void stopService() {
    if (!service.isAlive()) {
      return;
    }
    service.destroy();
    try {
      if (!service.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        service.destroyForcibly();
        service.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stopService();
    kafka.close();
    closeQuietly(postgres);
  }

  /**
   * As a lender's server runs: every commit flushed to disk before it is acknowledged. The embedded
   * server starts with {@code -F} (fsync off) and {@code synchronous_commit=off}, which hides the
   * cost that dominates on a real server, one flush per commit; a {@code -c} after them wins.
   */
  static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
    return builder
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on");
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("Could not stop the embedded PostgreSQL: " + e);
    }
  }
}
