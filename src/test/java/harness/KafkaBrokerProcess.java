package harness;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in a child JVM, so
 * a test can take it away from the service and bring it back: stop it gracefully, kill it, and
 * restart it on the same ports with the same log directory, so topics, records and committed
 * offsets survive as they would on a real broker. The in-process broker of the other tests cannot
 * do that: it cannot be restarted.
 *
 * <p>The configuration is a production one scaled down to one node and a 384 MB heap (fewer
 * threads, a small log-cleaner buffer), with two settings shortened for test time on a small
 * machine: the broker session timeout is 3 s instead of 9 s (after a SIGKILL the restarted broker
 * cannot register until its previous session has expired) and the offsets topic has 3 partitions
 * instead of 50. The JVM runs with the C1 compiler only, which shortens its start-up.
 *
 * <p>{@link #startRequiringScram} starts it with a client listener that accepts only SCRAM-SHA-512
 * logins (SASL_PLAINTEXT) of the users it is given, whose credentials are bootstrapped when the
 * storage is formatted, plus an admin user of its own for inter-broker requests; the controller
 * listener stays PLAINTEXT on the loopback address.
 *
 * <p>Its output goes to {@code broker.log} under the data directory, appended across restarts;
 * failures to start quote the end of it.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int PROBE_TIMEOUT_MS = 2_000;
  private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(200);
  private static final List<String> TEST_JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** The only mechanism a SCRAM broker enables. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  /** The broker's own user: inter-broker requests and the harness's readiness probe. */
  public static final String ADMIN_USER = "admin";

  private final Path dataDir;
  private final Path config;
  private final Path logFile;
  private final int brokerPort;
  private final int controllerPort;
  private final List<String> jvmOptions;
  private final Map<String, String> scramUsers;
  private Process process;

  private KafkaBrokerProcess(
      Path dataDir,
      int brokerPort,
      int controllerPort,
      List<String> jvmOptions,
      Map<String, String> scramUsers) {
    this.dataDir = dataDir;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.scramUsers = Map.copyOf(scramUsers);
    this.config = dataDir.resolve("server.properties");
    this.logFile = dataDir.resolve("broker.log");
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats a new single-node cluster in {@code dataDir} on two free ports, starts it and returns
   * once it answers a metadata request.
   */
  public static KafkaBrokerProcess start(Path dataDir) {
    return start(dataDir, TEST_JVM_OPTIONS);
  }

  /**
   * The same with other JVM options than the quick-starting ones above: the benchmark runs the
   * broker with a throughput-minded JVM (the C2 compiler, G1), since its start-up is not measured.
   */
  public static KafkaBrokerProcess start(Path dataDir, List<String> jvmOptions) {
    return start(dataDir, jvmOptions, Map.of());
  }

  /**
   * The same broker with a client listener that requires a SCRAM-SHA-512 login as one of the users
   * (name to password), or as {@link #ADMIN_USER}, whose password the broker picks. Names and
   * passwords are letters, digits and dashes: they are written into the JAAS line and the {@code
   * --add-scram} argument as they are.
   */
  public static KafkaBrokerProcess startRequiringScram(Path dataDir, Map<String, String> users) {
    if (users.containsKey(ADMIN_USER)) {
      throw new IllegalArgumentException("The user " + ADMIN_USER + " is the broker's own");
    }
    var withAdmin = new HashMap<>(users);
    withAdmin.put(ADMIN_USER, "admin-" + UUID.randomUUID().toString().replace("-", ""));
    return start(dataDir, TEST_JVM_OPTIONS, withAdmin);
  }

  private static KafkaBrokerProcess start(
      Path dataDir, List<String> jvmOptions, Map<String, String> scramUsers) {
    int brokerPort = Ports.free();
    int controllerPort = Ports.free();
    while (controllerPort == brokerPort) {
      controllerPort = Ports.free();
    }
    var broker =
        new KafkaBrokerProcess(
            dataDir.toAbsolutePath(), brokerPort, controllerPort, jvmOptions, scramUsers);
    broker.writeConfiguration();
    broker.format();
    broker.launch();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * What a client adds to its configuration to log in as the user: nothing for a PLAINTEXT broker.
   */
  public Map<String, Object> clientProperties(String user) {
    if (scramUsers.isEmpty()) {
      return Map.of();
    }
    var password = scramUsers.get(user);
    if (password == null) {
      throw new IllegalArgumentException("No SCRAM user " + user + " on this broker");
    }
    return Map.of(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM,
        SCRAM_MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG,
        jaasConfig(user, password));
  }

  /** {@link #clientProperties} of the broker's own admin user. */
  public Map<String, Object> adminClientProperties() {
    return clientProperties(ADMIN_USER);
  }

  /** The broker's JVM, for the benchmark's CPU figures; a restart gives it a new one. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("The broker has not been started");
    }
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** SIGTERM: the broker shuts down cleanly; returns once the process has exited. */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    process.destroy();
    if (!waitFor(process, STOP_TIMEOUT)) {
      process.destroyForcibly();
      waitFor(process, STOP_TIMEOUT);
      throw new IllegalStateException(
          "Kafka broker did not stop within "
              + STOP_TIMEOUT
              + " of SIGTERM and was killed; "
              + ChildJvm.tail(logFile, 40));
    }
  }

  /** SIGKILL, as a crash would: nothing is flushed or handed over; returns once it is gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitFor(process, STOP_TIMEOUT);
  }

  /**
   * Starts the broker again on the same ports and log directory (stopping it gracefully first if it
   * is still running) and returns once it answers a metadata request.
   */
  public synchronized void restart() {
    stop();
    launch();
  }

  /** Kills the broker and deletes its data directory. */
  @Override
  public synchronized void close() {
    kill();
    deleteRecursively(dataDir);
  }

  private void writeConfiguration() {
    var logDirs = dataDir.resolve("kraft-logs");
    var listener = scramUsers.isEmpty() ? "PLAINTEXT" : "SASL_PLAINTEXT";
    var properties = new ArrayList<String>();
    properties.addAll(
        List.of(
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners="
                + listener
                + "://127.0.0.1:"
                + brokerPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=" + listener + "://127.0.0.1:" + brokerPort,
            "inter.broker.listener.name=" + listener,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map="
                + listener
                + ":"
                + listener
                + ",CONTROLLER:PLAINTEXT"));
    if (!scramUsers.isEmpty()) {
      properties.addAll(
          List.of(
              "sasl.enabled.mechanisms=" + SCRAM_MECHANISM,
              "sasl.mechanism.inter.broker.protocol=" + SCRAM_MECHANISM,
              "listener.name.sasl_plaintext."
                  + SCRAM_MECHANISM.toLowerCase(Locale.ROOT)
                  + ".sasl.jaas.config="
                  + jaasConfig(ADMIN_USER, scramUsers.get(ADMIN_USER))));
    }
    properties.addAll(
        List.of(
            "log.dirs=" + logDirs,
            "auto.create.topics.enable=false",
            "num.partitions=1",
            "default.replication.factor=1",
            "min.insync.replicas=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=3",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "broker.heartbeat.interval.ms=500",
            "broker.session.timeout.ms=3000",
            "num.network.threads=2",
            "num.io.threads=2",
            "log.cleaner.dedupe.buffer.size=2097152"));
    var logback =
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="state.change.logger" level="WARN"/>
          <logger name="kafka.request.logger" level="WARN"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """;
    try {
      Files.createDirectories(logDirs);
      Files.write(config, properties, StandardCharsets.UTF_8);
      Files.writeString(dataDir.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the broker configuration under " + dataDir, e);
    }
  }

  /**
   * {@code kafka-storage format} in this JVM: it only writes the meta.properties and bootstrap
   * checkpoint, and its {@code main} would exit the JVM. The SCRAM credentials go into that
   * checkpoint: in KRaft mode there is no other way to have a first user before the broker runs.
   */
  private void format() {
    var output = new ByteArrayOutputStream();
    var arguments =
        new ArrayList<>(
            List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
    scramUsers.forEach(
        (user, password) -> {
          arguments.add("--add-scram");
          arguments.add(SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
    var args = arguments.toArray(String[]::new);
    int status;
    try (var out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(args, out);
    } catch (Exception e) {
      throw new IllegalStateException(
          "kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8), e);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "kafka-storage format exited " + status + ": " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void launch() {
    var options = new ArrayList<String>(jvmOptions);
    options.add("-Djava.awt.headless=true");
    options.add("-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"));
    var builder =
        ChildJvm.processBuilder(
                ChildJvm.command(options, "kafka.Kafka", config.toString()), Map.of(), logFile)
            .directory(dataDir.toFile());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Kafka broker", e);
    }
    awaitReady();
  }

  private void awaitReady() {
    var last = new AtomicReference<Exception>();
    var probe = new HashMap<String, Object>();
    probe.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    probe.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
    probe.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
    probe.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    if (!scramUsers.isEmpty()) {
      probe.putAll(adminClientProperties());
    }
    try (var admin = Admin.create(probe)) {
      await()
          .atMost(READY_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(READY_POLL_INTERVAL)
          .pollInSameThread()
          .dontCatchUncaughtExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "Kafka broker exited with "
                          + process.exitValue()
                          + " while starting; "
                          + ChildJvm.tail(logFile, 60));
                }
                try {
                  return !admin
                      .describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
                      .nodes()
                      .get(PROBE_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS)
                      .isEmpty();
                } catch (ExecutionException | TimeoutException e) {
                  last.set(e);
                  return false;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(
                      "Interrupted while waiting for the Kafka broker", e);
                }
              });
    } catch (ConditionTimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "Kafka broker at "
              + bootstrapServers()
              + " did not answer within "
              + READY_TIMEOUT
              + " (last error: "
              + last.get()
              + "); "
              + ChildJvm.tail(logFile, 60),
          e);
    }
  }

  private static String jaasConfig(String user, String password) {
    return ScramLoginModule.class.getName()
        + " required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker to exit", e);
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + directory, e);
    }
  }
}
