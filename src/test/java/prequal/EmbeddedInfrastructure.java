package prequal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;
import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Kafka broker (KRaft, in this JVM) and a real PostgreSQL server (embedded binaries), for
 * the local run and the tests. Either is skipped when the environment points at a running one:
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code DB_URL} (with {@code DB_USER}, {@code DB_PASSWORD}).
 * Started once per JVM and stopped when it exits, after the service.
 */
public final class EmbeddedInfrastructure {

  private static Map<String, String> properties;

  private EmbeddedInfrastructure() {}

  /** Starts what is missing and returns the Spring properties that point the service at it. */
  public static synchronized Map<String, String> start() {
    if (properties == null) {
      var started = new LinkedHashMap<String, String>();
      started.put("camel.component.kafka.brokers", kafka());
      started.putAll(database());
      properties = Map.copyOf(started);
    }
    return properties;
  }

  /** Points a Spring test context at the infrastructure, starting what is missing. */
  public static void register(DynamicPropertyRegistry registry) {
    start().forEach((key, value) -> registry.add(key, () -> value));
  }

  public static String kafkaBootstrapServers() {
    return start().get("camel.component.kafka.brokers");
  }

  public static String jdbcUrl() {
    return start().get("spring.datasource.url");
  }

  private static String kafka() {
    var external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      return external;
    }
    var broker = new EmbeddedKafkaKraftBroker(1, 3);
    broker.brokerProperty("auto.create.topics.enable", "false");
    // Kafka's test kit deletes the broker's data directories in JVM hooks of its own, which would
    // pull them from under a running broker; as shutdown handlers they run after it has stopped.
    Exit.setShutdownHookAdder((name, deleteDirectory) -> stopAfterTheService(deleteDirectory));
    try {
      broker.afterPropertiesSet();
    } finally {
      Exit.resetShutdownHookAdder();
    }
    stopAfterTheService(broker::destroy);
    return broker.getBrokersAsString();
  }

  /**
   * Spring Boot runs its shutdown handlers after it has closed the application contexts, so the
   * service drains and commits before its broker and database go away (a JVM shutdown hook would
   * race with it, so the embedded PostgreSQL's own hook is turned off). The handlers run in the
   * reverse order of their registration.
   */
  private static void stopAfterTheService(Runnable stop) {
    SpringApplication.getShutdownHandlers().add(stop);
  }

  private static Map<String, String> database() {
    var external = System.getenv("DB_URL");
    if (external != null && !external.isBlank()) {
      return Map.of(
          "spring.datasource.url", external,
          "spring.datasource.username", System.getenv().getOrDefault("DB_USER", "postgres"),
          "spring.datasource.password", System.getenv().getOrDefault("DB_PASSWORD", ""));
    }
    try {
      var postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
      stopAfterTheService(
          () -> {
            try {
              postgres.close();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      return Map.of(
          "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
          "spring.datasource.username", "postgres",
          "spring.datasource.password", "");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }
}
