package health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import prequal.Role;

/**
 * Real probes, each bounded by {@code prequal.health-timeout}: a query for PostgreSQL and a cluster
 * metadata call for Kafka, run in parallel. A process whose roles do not use the database does not
 * report it.
 */
@Component
public class DependencyProbes {

  private static final Logger log = LoggerFactory.getLogger(DependencyProbes.class);

  private final JdbcTemplate jdbc;
  private final Admin kafka;
  private final PrequalProperties properties;

  DependencyProbes(JdbcTemplate jdbc, Admin kafka, PrequalProperties properties) {
    this.jdbc = jdbc;
    this.kafka = kafka;
    this.properties = properties;
  }

  public HealthStatus check() {
    boolean usesDatabase = Role.anyUsesDatabase(properties.roles());
    var database =
        usesDatabase
            ? CompletableFuture.supplyAsync(this::databaseUp)
            : CompletableFuture.completedFuture((Boolean) null);
    var broker = kafkaUp();
    return HealthStatus.of(database.join(), broker);
  }

  private Boolean databaseUp() {
    try {
      return Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class));
    } catch (RuntimeException e) {
      log.warn("Database probe failed: {}", e.getMessage());
      return false;
    }
  }

  private boolean kafkaUp() {
    long timeoutMs = properties.healthTimeout().toMillis();
    try {
      var nodes =
          kafka
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
              .nodes()
              .get(timeoutMs, TimeUnit.MILLISECONDS);
      return !nodes.isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      log.warn("Kafka probe failed: {}", e.getMessage());
      return false;
    }
  }
}
