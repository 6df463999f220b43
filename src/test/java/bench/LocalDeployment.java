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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local run under test, as separate processes so that each one's CPU and memory are its own:
 * the embedded PostgreSQL (native processes, started from this JVM), a Kafka broker in a JVM of its
 * own, and one or more instances of the service, each {@code prequal.LocalPrequalApplication} with
 * all roles in a child JVM of its own, on ports of its own, pointed at both through {@code DB_URL}
 * and {@code KAFKA_BOOTSTRAP_SERVERS} (so it starts neither in-process). The service's resident
 * memory and cold start are then the service's alone, not the broker's, and its garbage collector
 * never pauses the load generator.
 *
 * <p>The instances start one after the other, each once the one before answers {@code /health}.
 * Concurrent starts would be safe (Flyway holds a PostgreSQL advisory lock while it migrates, and
 * topic creation takes an existing topic as created), but they would share the machine's cores: the
 * first instance's cold start, the one the report judges, is then the same measurement whatever the
 * number of instances, and only it migrates the empty database and creates the topics.
 *
 * <p>Each instance's JSON log goes to a file under {@code target/bench}, kept for the profiling
 * that follows a run: {@code service.log} for the first, {@code service-2.log} and on for the
 * others.
 */
final class LocalDeployment implements AutoCloseable {

  /** The broker with Kafka's own JVM settings (G1, 20 ms pause goal), on a smaller heap. */
  private static final List<String> BROKER_JVM_OPTIONS =
      List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration HEALTH_POLL = Duration.ofMillis(50);

  /**
   * One service instance.
   *
   * @param startup its process start to its first {@code /health} 200
   */
  record Instance(String baseUrl, long pid, Path log, Duration startup) {}

  private final EmbeddedPostgres postgres;
  private final KafkaBrokerProcess kafka;
  private final List<Process> services;
  private final List<Instance> instances;

  private LocalDeployment(
      EmbeddedPostgres postgres,
      KafkaBrokerProcess kafka,
      List<Process> services,
      List<Instance> instances) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.services = List.copyOf(services);
    this.instances = List.copyOf(instances);
  }

  /**
   * Starts PostgreSQL, then Kafka, then {@code instances} services one after the other, and returns
   * once the last one's {@code /health} answers 200. Each instance's start-up is timed from just
   * before its process is created to that answer: JVM start-up, Spring and Camel, and for the first
   * the Flyway migrations on an empty database and topic creation, with the database and broker
   * already up.
   */
  static LocalDeployment start(Path workDir, List<String> serviceJvmOptions, int instances) {
    EmbeddedPostgres postgres = null;
    KafkaBrokerProcess kafka = null;
    var services = new ArrayList<Process>();
    try {
      Files.createDirectories(workDir);
      postgres = durable(EmbeddedPostgres.builder()).start();
      kafka = KafkaBrokerProcess.start(workDir.resolve("kafka"), BROKER_JVM_OPTIONS);
      var started = new ArrayList<Instance>();
      for (int number = 1; number <= instances; number++) {
        // Chosen once the instances before listen on theirs, so no two are handed the same port.
        int port = Ports.free();
        var log = workDir.resolve(number == 1 ? "service.log" : "service-" + number + ".log");
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
                log);
        var baseUrl = "http://127.0.0.1:" + port;
        long launched = System.nanoTime();
        var service = builder.start();
        services.add(service);
        HealthEndpoint.await(service, baseUrl, START_TIMEOUT, HEALTH_POLL, () -> "see " + log);
        started.add(
            new Instance(
                baseUrl, service.pid(), log, Duration.ofNanos(System.nanoTime() - launched)));
      }
      return new LocalDeployment(postgres, kafka, services, started);
    } catch (IOException | RuntimeException e) {
      services.forEach(Process::destroyForcibly);
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

  /** In the order they started; the first ran the migrations. */
  List<Instance> instances() {
    return instances;
  }

  List<String> baseUrls() {
    return instances.stream().map(Instance::baseUrl).toList();
  }

  List<Long> servicePids() {
    return instances.stream().map(Instance::pid).toList();
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  long brokerPid() {
    return kafka.pid();
  }

  /** The first instance's start-up: on an empty database, with no other instance starting. */
  Duration coldStart() {
    return instances.get(0).startup();
  }

  /**
   * SIGTERM to every instance at once, so each drains and commits as in production; SIGKILL to any
   * that hangs.
   */
  void stopServices() {
    services.stream().filter(Process::isAlive).forEach(Process::destroy);
    for (var service : services) {
      try {
        if (!service.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          service.destroyForcibly();
          service.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        services.forEach(Process::destroyForcibly);
        return;
      }
    }
  }

  @Override
  public void close() {
    stopServices();
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
