package harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service ({@code java -jar target/loan-prequal-*.jar}) as a child process, the way it
 * runs in production, so a test can send it SIGTERM or SIGKILL, read what it logged, and start it
 * again on the same port. Its environment holds only what the test passes, {@code PORT}, a free
 * {@code MANAGEMENT_PORT} (so that several services on one machine never meet on the default), and
 * the few variables a JVM needs ({@code PATH}, {@code HOME}, locale): nothing of the test JVM's
 * settings leaks into it (not even {@code JAVA_TOOL_OPTIONS}), and it gets no JVM option but {@link
 * #DEFAULT_JVM_OPTIONS} unless the test names others (several services on a small machine run on
 * smaller heaps).
 *
 * <p>Standard output and error are appended to the log file the test names; the service writes JSON
 * lines.
 */
public final class ServiceProcess implements AutoCloseable {

  /** The JVM options of a service whose test names none. */
  public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

  private static final Path TARGET = Path.of("target");
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path logFile;
  private final long logStart;

  private ServiceProcess(
      Process process, int port, int managementPort, Path logFile, long logStart) {
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.logFile = logFile;
    this.logStart = logStart;
  }

  /**
   * The jar {@code ./mvnw package} built (the Spring Boot executable one, not {@code *-plain.jar}
   * or sources).
   */
  public static Path builtJar() {
    if (Files.isDirectory(TARGET)) {
      try (Stream<Path> files = Files.list(TARGET)) {
        var jars =
            files
                .filter(Files::isRegularFile)
                .filter(
                    path -> {
                      var name = path.getFileName().toString();
                      return name.startsWith("loan-prequal-")
                          && name.endsWith(".jar")
                          && !name.endsWith("-plain.jar")
                          && !name.endsWith("-sources.jar")
                          && !name.endsWith("-javadoc.jar")
                          && !name.endsWith("-tests.jar");
                    })
                .sorted()
                .toList();
        if (jars.size() == 1) {
          return jars.get(0).toAbsolutePath();
        }
        if (jars.size() > 1) {
          throw new IllegalStateException(
              "More than one service jar in "
                  + TARGET.toAbsolutePath()
                  + ": "
                  + jars
                  + "; run ./mvnw clean package");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + TARGET.toAbsolutePath(), e);
      }
    }
    throw new IllegalStateException(
        "No target/loan-prequal-*.jar in "
            + TARGET.toAbsolutePath().getParent()
            + ": run ./mvnw package first (./mvnw verify runs the *IT tests after packaging)");
  }

  /** Starts the service on a free port. */
  public static ServiceProcess start(Path jar, Map<String, String> env, Path logFile) {
    return start(jar, env, logFile, Ports.free());
  }

  /**
   * Starts the service on the given port: how a test restarts a service it stopped, so clients keep
   * the same base URL.
   */
  public static ServiceProcess start(Path jar, Map<String, String> env, Path logFile, int port) {
    return start(jar, DEFAULT_JVM_OPTIONS, env, logFile, port);
  }

  /** Starts the service on the given port with these JVM options instead of the default ones. */
  public static ServiceProcess start(
      Path jar, List<String> jvmOptions, Map<String, String> env, Path logFile, int port) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("No service jar at " + jar);
    }
    var environment = new HashMap<>(env);
    environment.put("PORT", Integer.toString(port));
    int managementPort = Ports.free();
    environment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
    var command = new ArrayList<String>();
    command.add(ChildJvm.java());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    var builder = ChildJvm.processBuilder(command, environment, logFile);
    try {
      var parent = logFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      return new ServiceProcess(builder.start(), port, managementPort, logFile, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + jar, e);
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Where Prometheus, the console and the actuator endpoints answer. */
  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * Polls {@code GET /health} until it answers 200 (the database and Kafka are both reachable).
   * Fails at once if the process exits, and after the timeout otherwise, quoting the log.
   */
  public void awaitHealthy(Duration timeout) {
    HealthEndpoint.await(
        process, baseUrl(), timeout, POLL_INTERVAL, () -> ChildJvm.tail(logFile, logStart, 60));
  }

  /** SIGTERM: the service shuts down gracefully. Does not wait; see {@link #awaitExit}. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the service dies at once, as in a crash. Does not wait; see {@link #awaitExit}. */
  public void kill() {
    process.destroyForcibly();
  }

  /** The exit code, if the process exits within the timeout. */
  public Optional<Integer> awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
          ? Optional.of(process.exitValue())
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the service to exit", e);
    }
  }

  /**
   * Every complete line this process has written so far. A log file reused for a restart keeps the
   * earlier run's lines, but they are not this process's and are left out.
   */
  public List<String> logLines() {
    return ChildJvm.lines(logFile, logStart);
  }

  public boolean logContains(String text) {
    return logLines().stream().anyMatch(line -> line.contains(text));
  }

  /** Kills the service if it is still running and waits for it to be gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }
}
