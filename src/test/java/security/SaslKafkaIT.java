package security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ApplicationRow;
import fixtures.CreditReportMessage;
import fixtures.Topics;
import harness.ApplicationStream;
import harness.DatabaseAccounts;
import harness.Databases;
import harness.KafkaBrokerProcess;
import harness.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import prequal.EmbeddedInfrastructure;

/**
 * The packaged service configured as production would configure it: against a broker whose only
 * client listener requires a SCRAM-SHA-512 login, and a database it migrates as the owner and works
 * in as the runtime account of {@code db/roles.sql}. Every Kafka client the service creates must
 * log in for this to pass: the topic set-up and the health probe (admin client), the routes'
 * consumers and producers (the whole flow), the lag monitor and the dead-letter re-drive.
 */
class SaslKafkaIT {

  private static final String SERVICE_USER = "prequal";
  private static final String OPERATOR_TOKEN = "sasl-operator-token";
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final Duration DECISIONS = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  @Test
  void theWholeFlowLogsInAndTheBrokerRefusesClientsThatDoNot() throws Exception {
    var servicePassword = "service-" + UUID.randomUUID();
    var databaseUrl = Databases.createDatabase(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
    var accounts = DatabaseAccounts.create(databaseUrl, "postgres", "");
    var database = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, "postgres", ""));
    try (var kafka =
        KafkaBrokerProcess.startRequiringScram(
            temp.resolve("kafka"), Map.of(SERVICE_USER, servicePassword))) {
      assertTheBrokerRefusesClientsThatDoNotLogIn(kafka, servicePassword);

      var env = new HashMap<>(accounts.serviceEnvironment());
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
      env.put("KAFKA_SASL_MECHANISM", KafkaBrokerProcess.SCRAM_MECHANISM);
      env.put("KAFKA_SASL_USERNAME", SERVICE_USER);
      env.put("KAFKA_SASL_PASSWORD", servicePassword);
      env.put("ADMIN_TOKEN", OPERATOR_TOKEN);
      // Every scheduled statement and the lag monitor run within the test, as the runtime account.
      env.put("CONSUMER_LAG_INTERVAL", "1s");
      env.put("OUTBOX_MONITOR_INTERVAL", "1s");
      env.put("OUTBOX_RETENTION_CHECK_INTERVAL", "1s");
      env.put("STALE_CHECK_INTERVAL_MS", "1000");
      try (var service =
          ServiceProcess.start(ServiceProcess.builtJar(), env, temp.resolve("service.log"))) {
        service.awaitHealthy(STARTUP);

        var health = JSON.readTree(get(service.baseUrl() + "/health").body());
        assertThat(health.get("kafka").asText()).isEqualTo("connected");
        assertThat(health.get("database").asText()).isEqualTo("connected");
        assertThat(partitionsByTopic(kafka))
            .containsEntry(Topics.SUBMITTED, 3)
            .containsEntry(Topics.CREDIT_REPORTS, 3)
            .containsEntry(Topics.DEAD_LETTER, 1);

        var stream = new ApplicationStream(service.baseUrl()).submit(10, 20);
        assertThat(stream.accepted()).hasSize(10);
        await()
            .atMost(DECISIONS)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(undecided(database, stream.accepted())).isEmpty());
        assertThat(decisionsPerApplication(database))
            .containsOnlyKeys(stream.accepted())
            .allSatisfy((id, decisions) -> assertThat(decisions).isEqualTo(1));
        assertThat(
                database.queryForList(
                    "SELECT DISTINCT installed_by FROM flyway_schema_history", String.class))
            .containsExactly(accounts.owner());

        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(get(service.managementUrl() + "/actuator/prometheus").body())
                        .contains("prequal_consumer_lag{", "group=\"credit-service-group\"")
                        .contains("group=\"decision-service-group\""));

        var redriven = UUID.randomUUID();
        produceReportForUnknownApplication(kafka, redriven);
        await()
            .atMost(DECISIONS)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> deadLetters(kafka) >= 1);
        ApplicationRow.pending(redriven).insert(database);

        var answer = redrive(service.baseUrl());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("moved").asInt()).isEqualTo(1);
        await()
            .atMost(DECISIONS)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(undecided(database, List.of(redriven))).isEmpty());
        assertThat(service.logLines())
            .noneMatch(line -> line.contains("permission denied"))
            .noneMatch(line -> line.contains("SaslAuthenticationException"));
      }
    }
  }

  /**
   * A client without credentials gets no answer from the SASL listener (the broker drops a
   * connection that sends anything but a SASL handshake), one with a wrong password is told so, and
   * the right password is answered at the same address.
   */
  private static void assertTheBrokerRefusesClientsThatDoNotLogIn(
      KafkaBrokerProcess kafka, String servicePassword) throws Exception {
    try (var anonymous = admin(kafka, Map.of())) {
      assertThatThrownBy(() -> describeCluster(anonymous))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
    }
    var wrongPassword = new HashMap<>(kafka.clientProperties(SERVICE_USER));
    wrongPassword.put(
        "sasl.jaas.config",
        wrongPassword.get("sasl.jaas.config").toString().replace(servicePassword, "guess"));
    try (var impostor = admin(kafka, wrongPassword)) {
      assertThatThrownBy(() -> describeCluster(impostor))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    try (var service = admin(kafka, kafka.clientProperties(SERVICE_USER))) {
      assertThat(describeCluster(service)).isEqualTo(1);
    }
  }

  private static int describeCluster(Admin admin) throws Exception {
    return admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
        .nodes()
        .get(10, TimeUnit.SECONDS)
        .size();
  }

  private static Admin admin(KafkaBrokerProcess kafka, Map<String, Object> security) {
    var config = new HashMap<String, Object>(security);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
    return Admin.create(config);
  }

  private static Map<String, Integer> partitionsByTopic(KafkaBrokerProcess kafka) throws Exception {
    try (var admin = admin(kafka, kafka.adminClientProperties())) {
      var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
          .collect(Collectors.toMap(TopicDescription::name, topic -> topic.partitions().size()));
    }
  }

  private static void produceReportForUnknownApplication(KafkaBrokerProcess kafka, UUID id)
      throws Exception {
    var config = new HashMap<String, Object>(kafka.adminClientProperties());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (var producer = new KafkaProducer<String, String>(config)) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CREDIT_REPORTS,
                  id.toString(),
                  CreditReportMessage.of(id).score(720).correlationId("sasl-redrive").toJson()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static long deadLetters(KafkaBrokerProcess kafka) throws Exception {
    var partition = new TopicPartition(Topics.DEAD_LETTER, 0);
    try (var admin = admin(kafka, kafka.adminClientProperties())) {
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get(10, TimeUnit.SECONDS)
          .offset();
    }
  }

  private static List<UUID> undecided(JdbcTemplate database, List<UUID> ids) {
    var decided =
        database.queryForList(
            "SELECT id FROM applications WHERE status <> 'PENDING' AND cibil_score BETWEEN 300 AND 900",
            UUID.class);
    return ids.stream().filter(id -> !decided.contains(id)).toList();
  }

  private static Map<UUID, Integer> decisionsPerApplication(JdbcTemplate database) {
    var decisions = new HashMap<UUID, Integer>();
    database.query(
        "SELECT application_id, count(*) AS decisions FROM application_events"
            + " WHERE to_status <> 'PENDING' GROUP BY application_id",
        row -> {
          decisions.put(row.getObject("application_id", UUID.class), row.getInt("decisions"));
        });
    return decisions;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> redrive(String baseUrl) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/admin/dead-letters/redrive"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
