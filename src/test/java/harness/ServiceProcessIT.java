package harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ApplicationRow;
import fixtures.DevelopmentKeys;
import fixtures.LendingPolicies;
import fixtures.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import messages.LoanType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import prequal.ApiClient;
import prequal.EmbeddedInfrastructure;
import prequal.KafkaTestClients;

/**
 * The packaged jar as a child process against a broker child process and its own database: it
 * becomes healthy, accepts a stream of applications and decides each one by the rules, shuts down
 * on SIGTERM, and serves the same data again when restarted on the same port — after a key
 * rotation, with the keys in a mounted secret file, and with a row stored in plain text by version
 * 1, all sealed again with the new key at start-up. A restart between a reviewer's claim and their
 * decision loses nothing: the claim still holds, no one else can take it, its holder decides, and
 * the audit trail and {@code loan_decisions} show each step exactly once.
 */
class ServiceProcessIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String REVIEWER_1 = "reviewer-1";
  private static final String REVIEWER_2 = "reviewer-2";
  private static final String NOTE = "Salary slips show less than declared.";

  @TempDir Path temp;

  @Test
  void packagedServiceDecidesAStreamAndStopsOnSigterm() throws Exception {
    var database = Databases.createDatabase(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
    try (var kafka = KafkaBrokerProcess.start(temp.resolve("kafka"))) {
      var env = env(database, kafka);
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

  @Test
  void aClaimSurvivesARestartAndItsHolderDecidesAfterwards() throws Exception {
    var database = Databases.createDatabase(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
    try (var kafka = KafkaBrokerProcess.start(temp.resolve("kafka"))) {
      var env = new HashMap<>(env(database, kafka));
      env.put("STAFF_LOCAL_USERS", "true");
      var log = temp.resolve("service.log");
      int port;
      UUID application;
      JsonNode claim;
      try (var service = ServiceProcess.start(ServiceProcess.builtJar(), env, log)) {
        port = service.port();
        service.awaitHealthy(STARTUP);
        var api = new ApiClient(port);
        application = submitReferral(api);
        var queued =
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> reviewOf(api, "open", application), Optional::isPresent)
                .orElseThrow();
        var review = queued.get("review_id").asText();

        var claimed = api.post("/reviews/" + review + "/claim", null, null, as(REVIEWER_1));

        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        claim = JSON.readTree(claimed.body());
        assertThat(claim.get("claimed_by").asText()).isEqualTo(REVIEWER_1);
        assertThat(claim.get("state").asText()).isEqualTo("claimed");

        service.terminate();

        assertThat(service.awaitExit(Duration.ofSeconds(60)))
            .as("exit code after SIGTERM")
            .contains(143);
      }

      try (var restarted = ServiceProcess.start(ServiceProcess.builtJar(), env, log, port)) {
        restarted.awaitHealthy(STARTUP);
        var api = new ApiClient(port);
        var review = claim.get("review_id").asText();

        var held = reviewOf(api, "claimed", application);
        assertThat(held).as("the claimed task after the restart").isPresent();
        assertThat(held.get().get("review_id").asText()).isEqualTo(review);
        assertThat(held.get().get("claimed_by").asText()).isEqualTo(REVIEWER_1);
        assertThat(held.get().get("claimed_until").asText())
            .isEqualTo(claim.get("claimed_until").asText());
        var taken = api.post("/reviews/" + review + "/claim", null, null, as(REVIEWER_2));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(JSON.readTree(taken.body()).get("message").asText())
            .contains("claimed by " + REVIEWER_1);

        var decided =
            api.post(
                "/reviews/" + review + "/decision",
                "application/json",
                JSON.writeValueAsString(
                    Map.of(
                        "outcome",
                        "REJECTED",
                        "reason_codes",
                        List.of("REPAYMENT_CAPACITY_INSUFFICIENT"),
                        "note",
                        NOTE)),
                as(REVIEWER_1));

        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(JSON.readTree(decided.body()).get("state").asText()).isEqualTo("done");
        var status = JSON.readTree(api.get("/applications/" + application + "/status").body());
        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(status.get("reasons").findValuesAsText("code"))
            .containsExactly("REPAYMENT_CAPACITY_INSUFFICIENT");
        var trail = api.get("/applications/" + application + "/events", as(REVIEWER_2));
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        var events = JSON.readTree(trail.body()).get("events");
        assertThat(steps(events))
            .containsExactly(
                "null/PENDING/null",
                "PENDING/MANUAL_REVIEW/system",
                "REVIEW_CLAIMED/MANUAL_REVIEW/reviewer-1",
                "REVIEW_DECIDED/REJECTED/reviewer-1");
        var decision = events.get(3);
        assertThat(texts(decision.get("reason_codes")))
            .containsExactly("REPAYMENT_CAPACITY_INSUFFICIENT");
        assertThat(decision.get("note").asText()).isEqualTo(NOTE);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(decisionEvents(kafka, application))
                        .containsExactly(
                            "REFERRED_TO_REVIEW/MANUAL_REVIEW/system",
                            "DECIDED/REJECTED/reviewer-1"));
      }
    }
  }

  /** The service's settings for its own database and the broker; nothing else is set. */
  private static Map<String, String> env(String database, KafkaBrokerProcess kafka) {
    return Map.of(
        "DB_URL",
        database,
        "DB_USER",
        "postgres",
        "DB_PASSWORD",
        "",
        "KAFKA_BOOTSTRAP_SERVERS",
        kafka.bootstrapServers());
  }

  /**
   * Submits an application the policy sends to MANUAL_REVIEW (score 790, income 10,000 not above
   * the loan / 48) and returns its id once it is decided so.
   */
  private static UUID submitReferral(ApiClient api) throws Exception {
    var body =
        new ApplicationStream.Application(
                ApplicationStream.PRE_APPROVED_PAN,
                "Rajesh Kumar",
                new BigDecimal("10000.00"),
                new BigDecimal("480000.00"),
                "HOME")
            .toJson();
    var submitted = api.post("/applications", "application/json", body);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    var id = UUID.fromString(JSON.readTree(submitted.body()).get("application_id").asText());
    var status =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> JSON.readTree(api.get("/applications/" + id + "/status").body()),
                decision -> !"PENDING".equals(decision.get("status").asText()));
    assertThat(status.get("status").asText()).isEqualTo("MANUAL_REVIEW");
    assertThat(status.get("reasons").findValuesAsText("code"))
        .containsExactly("INCOME_NOT_ABOVE_INSTALMENT_PROXY");
    return id;
  }

  /** The application's task in {@code GET /reviews?state=...}, as reviewer-1 lists it. */
  private static Optional<JsonNode> reviewOf(ApiClient api, String state, UUID application)
      throws Exception {
    var response = api.get("/reviews?state=" + state, as(REVIEWER_1));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    for (var task : JSON.readTree(response.body()).get("reviews")) {
      if (task.get("application_id").asText().equals(application.toString())) {
        return Optional.of(task);
      }
    }
    return Optional.empty();
  }

  /** {@code action/to_status/actor} of each audit event, the status left for an action. */
  private static List<String> steps(JsonNode events) {
    var steps = new ArrayList<String>();
    for (var event : events) {
      steps.add(
          (event.get("action").isNull()
                  ? event.get("from_status").asText("null")
                  : event.get("action").asText())
              + "/"
              + event.get("to_status").asText()
              + "/"
              + event.get("actor").asText("null"));
    }
    return steps;
  }

  private static List<String> texts(JsonNode array) {
    var texts = new ArrayList<String>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }

  /** {@code event_type/outcome/decided_by} of each record on loan_decisions for the application. */
  private static List<String> decisionEvents(KafkaBrokerProcess kafka, UUID application)
      throws Exception {
    var events = new ArrayList<String>();
    for (var record :
        KafkaTestClients.allRecords(
            kafka.bootstrapServers(), Topics.DECISIONS, Duration.ofSeconds(15))) {
      if (application.toString().equals(record.key())) {
        var event = JSON.readTree(record.value());
        events.add(
            event.get("event_type").asText()
                + "/"
                + event.get("outcome").asText()
                + "/"
                + event.get("decided_by").asText());
      }
    }
    return events;
  }

  /** HTTP Basic as one of the built-in reviewers, whose password is their name. */
  private static Map<String, String> as(String reviewer) {
    return Map.of(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((reviewer + ":" + reviewer).getBytes(StandardCharsets.UTF_8)));
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
