package harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import prequal.EmbeddedInfrastructure;

/**
 * One deployment under test: a Kafka broker of its own (a child JVM that can be stopped), a fresh
 * database on the embedded PostgreSQL server reachable directly or through a proxy that can cut it,
 * and service processes started from the built jar with settings that make outages short.
 */
public final class Deployment implements AutoCloseable {

  public final Path dir;
  public final KafkaBrokerProcess kafka;
  public final TcpProxy databaseProxy;
  public final JdbcTemplate database;
  private final String databaseUrl;
  private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
  private final Map<String, String> settings = new ConcurrentHashMap<>();
  private volatile List<String> jvmOptions = ServiceProcess.DEFAULT_JVM_OPTIONS;
  private volatile Duration startTimeout = Duration.ofSeconds(90);

  public Deployment(Path dir) {
    this.dir = dir;
    this.kafka = KafkaBrokerProcess.start(dir.resolve("kafka"));
    var server = EmbeddedInfrastructure.jdbcUrl();
    this.databaseUrl = Databases.createDatabase(server, "postgres", "");
    this.databaseProxy = TcpProxy.start(Databases.host(server), Databases.port(server));
    this.database = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, "postgres", ""));
  }

  /** Sets this environment variable for every service started from now on. */
  public Deployment with(String name, String value) {
    settings.put(name, value);
    return this;
  }

  /** Starts every service from now on with these JVM options instead of the default ones. */
  public Deployment jvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** Gives every service started from now on this long to become healthy (90 s by default). */
  public Deployment startTimeout(Duration timeout) {
    this.startTimeout = timeout;
    return this;
  }

  /**
   * Starts the service with the given roles, its database reached through the proxy or not, and
   * waits until it is healthy. Services may be started from several threads at once.
   */
  public ServiceProcess start(String name, String roles, boolean databaseThroughProxy, int port) {
    var env = new HashMap<String, String>();
    env.put("PREQUAL_ROLES", roles);
    env.put(
        "DB_URL",
        databaseThroughProxy
            ? Databases.withHostAndPort(databaseUrl, "127.0.0.1", databaseProxy.port())
            : databaseUrl);
    env.put("DB_USER", "postgres");
    env.put("DB_PASSWORD", "");
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    // Outages in these scenarios last seconds, so the recovery settings are scaled down alike.
    env.put("RETRY_DELAY_PATTERN", "1:200;2:500");
    env.put("DB_BREAKER_OPEN_SECONDS", "3");
    env.put("KAFKA_BREAKER_OPEN_SECONDS", "3");
    env.put("OUTBOX_CLAIM_LEASE", "10s");
    env.put("KAFKA_MAX_BLOCK_MS", "3000");
    env.put("KAFKA_REQUEST_TIMEOUT_MS", "3000");
    env.put("KAFKA_DELIVERY_TIMEOUT_MS", "6000");
    env.putAll(settings);
    var log = dir.resolve(name + "-" + services.size() + ".log");
    var service =
        ServiceProcess.start(
            ServiceProcess.builtJar(), jvmOptions, env, log, port == 0 ? Ports.free() : port);
    services.add(service);
    service.awaitHealthy(startTimeout);
    return service;
  }

  public ServiceProcess start(String name, String roles, boolean databaseThroughProxy) {
    return start(name, roles, databaseThroughProxy, 0);
  }

  /**
   * Waits until none of the applications is PENDING; returns how long that took counted from {@code
   * since} ({@link System#nanoTime}), which the scenarios take once the fault is repaired and the
   * last application submitted.
   */
  public Duration awaitAllDecided(Collection<UUID> ids, long since, Duration timeout) {
    return awaitAllDecidedExcept(List.of(), ids, since, timeout);
  }

  /** The same, except for the applications given first, which are to stay PENDING. */
  public Duration awaitAllDecidedExcept(
      Collection<UUID> undecided, Collection<UUID> ids, long since, Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .dontCatchUncaughtExceptions()
          .until(() -> pending(ids, undecided) == 0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          pending(ids, undecided)
              + " of "
              + ids.size()
              + " applications still PENDING after "
              + timeout
              + "; the services' warnings and errors:\n"
              + serviceProblems(),
          e);
    }
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /**
   * The end state the reliability guarantees promise: every accepted application stored and
   * decided, and every stored application decided exactly once according to its audit trail. (A
   * submission cut off by a crash may have been stored without its 202 reaching the client; it must
   * be decided like any other.)
   */
  public void assertEveryApplicationDecidedExactlyOnce(Collection<UUID> accepted) {
    assertEveryApplicationDecidedExactlyOnceExcept(List.of(), accepted);
  }

  /**
   * The same, except for the applications given first, whose credit reports were refused: each is
   * still PENDING, with no decision in its audit trail.
   */
  public void assertEveryApplicationDecidedExactlyOnceExcept(
      Collection<UUID> undecided, Collection<UUID> accepted) {
    var stored = database.queryForList("SELECT id FROM applications", UUID.class);
    assertThat(stored).as("stored applications").containsAll(accepted).containsAll(undecided);
    assertThat(pending(accepted, undecided)).as("still PENDING").isZero();
    assertThat(
            database.queryForObject(
                "SELECT count(*) FROM application_events WHERE to_status <> 'PENDING'",
                Integer.class))
        .as("decisions recorded")
        .isEqualTo(stored.size() - undecided.size());
    assertThat(
            database.queryForList(
                "SELECT application_id FROM application_events WHERE to_status <> 'PENDING'"
                    + " GROUP BY application_id HAVING count(*) > 1",
                UUID.class))
        .as("applications decided more than once")
        .isEmpty();
    for (var id : undecided) {
      assertThat(
              database.queryForObject(
                  "SELECT status FROM applications WHERE id = ?", String.class, id))
          .as("application %s, whose report was refused", id)
          .isEqualTo("PENDING");
    }
  }

  public int decidedTwice() {
    return database.queryForObject(
        "SELECT count(*) FROM (SELECT application_id FROM application_events WHERE to_status <> 'PENDING'"
            + " GROUP BY application_id HAVING count(*) > 1) twice",
        Integer.class);
  }

  /** How many messages the dead-letter topic holds. */
  public long deadLetters() throws Exception {
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      var partition = new TopicPartition(Topics.DEAD_LETTER, 0);
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get()
          .offset();
    }
  }

  private String serviceProblems() {
    return serviceLogs()
        .lines()
        .filter(line -> line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\""))
        .map(line -> line.length() > 600 ? line.substring(0, 600) : line)
        .limit(60)
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  public String serviceLogs() {
    var all = new StringBuilder();
    for (var service : services) {
      service.logLines().forEach(line -> all.append(line).append('\n'));
    }
    return all.toString();
  }

  private int pending(Collection<UUID> ids, Collection<UUID> undecided) {
    var stillPending =
        database.queryForObject(
            "SELECT count(*) FROM applications WHERE status = 'PENDING' AND NOT (id = ANY(?))",
            Integer.class,
            (Object) undecided.toArray(UUID[]::new));
    var missing =
        ids.size()
            + undecided.size()
            - database.queryForObject("SELECT count(*) FROM applications", Integer.class);
    return stillPending + Math.max(missing, 0);
  }

  /** Appends one scenario's figures, read back from the database and the broker, to the results. */
  public void record(String scenario, Collection<UUID> accepted, Duration drain) throws Exception {
    var lost =
        accepted.size()
            - database.queryForObject(
                "SELECT count(*) FROM applications WHERE status <> 'PENDING' AND id = ANY(?)",
                Integer.class,
                (Object) accepted.toArray(UUID[]::new));
    var results = Path.of("target", "fault-suite-results.md");
    var row =
        "| %s | %d | %d | %d | %d | %.1f s |%n"
            .formatted(
                scenario,
                accepted.size(),
                lost,
                decidedTwice(),
                deadLetters(),
                drain.toMillis() / 1000.0);
    if (!Files.exists(results)) {
      Files.createDirectories(results.getParent());
      Files.writeString(
          results,
          "| Scenario | Accepted | Lost | Decided twice | Dead-lettered | All decided after repair and last submission |\n|---|---|---|---|---|---|\n");
    }
    Files.writeString(results, row, StandardOpenOption.APPEND);
    System.out.print("FAULT-SUITE " + row);
  }

  @Override
  public void close() {
    services.forEach(ServiceProcess::close);
    databaseProxy.close();
    kafka.close();
  }
}
