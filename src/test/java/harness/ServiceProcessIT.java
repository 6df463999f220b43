package harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ApplicationRow;
import fixtures.DevelopmentKeys;
import fixtures.LendingPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import messages.LoanType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import prequal.EmbeddedInfrastructure;

/**
 * The packaged jar as a child process against a broker child process and its own database: it
 * becomes healthy, accepts a stream of applications and decides each one by the rules, shuts down
 * on SIGTERM, and serves the same data again when restarted on the same port — after a key
 * rotation, with the keys in a mounted secret file, and with a row stored in plain text by version
 * 1, all sealed again with the new key at start-up.
 */
class ServiceProcessIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(90);

  @TempDir Path temp;

  @Test
  void packagedServiceDecidesAStreamAndStopsOnSigterm() throws Exception {
    var database = Databases.createDatabase(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
    try (var kafka = KafkaBrokerProcess.start(temp.resolve("kafka"))) {
      var env =
          Map.of(
              "DB_URL",
              database,
              "DB_USER",
              "postgres",
              "DB_PASSWORD",
              "",
              "KAFKA_BOOTSTRAP_SERVERS",
              kafka.bootstrapServers());
      var log = temp.resolve("service.log");
      ApplicationStream.Result result;
      int port;
      try (var service = ServiceProcess.start(ServiceProcess.builtJar(), env, log)) {
        port = service.port();
        service.awaitHealthy(STARTUP);

        result = new ApplicationStream(service.baseUrl()).submit(20, 20, i -> {});

        assertThat(result.accepted()).hasSize(20);
        assertThat(result.refusedByStatus()).isEmpty();
        assertThat(result.failedByException()).isEmpty();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> assertThat(decisions(database)).containsAllEntriesOf(expected(result)));

        service.terminate();

        assertThat(service.awaitExit(Duration.ofSeconds(60)))
            .as("exit code after SIGTERM")
            .contains(143);
        assertThat(service.isAlive()).isFalse();
        assertThat(service.logLines())
            .isNotEmpty()
            .allSatisfy(line -> assertThat(JSON.readTree(line).has("message")).as(line).isTrue())
            .anySatisfy(line -> assertThat(line).contains("Ready with roles"))
            .anySatisfy(line -> assertThat(line).contains("Commencing graceful shutdown"));
      }

      // Restarted after a key rotation, the new key first in a mounted secret file, with a row as
      // version 1 stored it: at start-up everything is sealed again with the new key, which the
      // old one still opens.
      ApplicationRow.pending(UUID.randomUUID())
          .pan("ABCDE1234F")
          .name("Rajesh Kumar")
          .decided("PRE_APPROVED", 790)
          .inPlainText()
          .insert(new JdbcTemplate(new DriverManagerDataSource(database, "postgres", "")));
      var secrets = Files.createDirectories(temp.resolve("secrets"));
      Files.writeString(
          secrets.resolve("PRIVACY_KEYS"),
          "k2="
              + Base64.getEncoder().encodeToString(new byte[32])
              + ","
              + DevelopmentKeys.KEYS
              + "\n");
      var rotated = new HashMap<>(env);
      rotated.put("SPRING_CONFIG_IMPORT", "configtree:" + secrets + "/");
      try (var restarted = ServiceProcess.start(ServiceProcess.builtJar(), rotated, log, port)) {
        restarted.awaitHealthy(STARTUP);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(sealingKeys(database)).containsOnlyKeys("k2"));
        assertThat(sealingKeys(database)).containsEntry("k2", 21);

        assertThat(restarted.baseUrl()).endsWith(":" + port);
        assertThat(restarted.logLines())
            .noneMatch(line -> line.contains("Commencing graceful shutdown"));
        var again = new ApplicationStream(restarted.baseUrl(), 7).submit(3, 20);
        assertThat(again.accepted()).hasSize(3);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> assertThat(decisions(database)).containsAllEntriesOf(expected(again)));
        assertThat(decisions(database)).hasSize(24);
        assertThat(sealingKeys(database)).containsOnlyKeys("k2");

        restarted.kill();

        assertThat(restarted.awaitExit(Duration.ofSeconds(10)))
            .as("exit code after SIGKILL")
            .contains(137);
      }
    }
  }

  /** What the rules decide for each accepted application, as "status/score". */
  private static Map<UUID, String> expected(ApplicationStream.Result result) {
    var scoring = LendingPolicies.creditScoring(Clock.systemUTC());
    var policy = LendingPolicies.decisionPolicy();
    var expected = new HashMap<UUID, String>();
    result
        .acceptedApplications()
        .forEach(
            (id, application) -> {
              int score =
                  scoring.score(
                      id,
                      application.panNumber(),
                      application.monthlyIncomeInr(),
                      LoanType.valueOf(application.loanType()));
              var status =
                  policy
                      .decide(score, application.monthlyIncomeInr(), application.loanAmountInr())
                      .outcome();
              expected.put(id, status + "/" + score);
            });
    return expected;
  }

  /**
   * How many applications have their PAN sealed with each key id; {@code plain} counts those in
   * plain text.
   */
  private static Map<String, Integer> sealingKeys(String database) throws SQLException {
    var keys = new HashMap<String, Integer>();
    try (var connection = DriverManager.getConnection(database, "postgres", "");
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT CASE WHEN pan_number IS NOT NULL OR applicant_name IS NOT NULL THEN 'plain'"
                    + " ELSE split_part(pan_number_sealed, ':', 1) END, count(*)"
                    + " FROM applications GROUP BY 1")) {
      while (rows.next()) {
        keys.put(rows.getString(1), rows.getInt(2));
      }
    }
    return keys;
  }

  /** Every application in the database, as "status/score". */
  private static Map<UUID, String> decisions(String database) throws SQLException {
    var decisions = new HashMap<UUID, String>();
    try (var connection = DriverManager.getConnection(database, "postgres", "");
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT id, status, cibil_score FROM applications")) {
      while (rows.next()) {
        decisions.put(
            rows.getObject("id", UUID.class),
            rows.getString("status") + "/" + rows.getObject("cibil_score"));
      }
    }
    return decisions;
  }
}
