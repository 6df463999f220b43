package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so this checks what can be checked of the deployment
 * without one: the compose services and their wiring, that every variable they set is one the
 * service reads, the topics as the service expects them, and the Dockerfile's stages.
 */
class ComposeFileTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  /** How the broker's client listener, and so every client, authenticates. */
  private static final String BROKER_PROTOCOL = "SASL_PLAINTEXT";

  private static final String MECHANISM = "SCRAM-SHA-512";

  /** A user the broker's command formats the storage with, and the variable of its password. */
  private static final Pattern SCRAM_USER =
      Pattern.compile("--add-scram \"SCRAM-SHA-512=\\[name=([a-z-]+),password=\\$\\$([A-Z_]+)]\"");

  /**
   * What an exact release looks like in each base image's tags, before an optional variant suffix
   * (the distribution, {@code -noble}, {@code -bookworm}) and an optional digest: Temurin tags the
   * JDK's patch and build ({@code 17.0.16_8}), PostgreSQL numbers its releases major.minor ({@code
   * 17.6} is a patch release), Kafka major.minor.patch. An image missing here fails the test, so a
   * new one is pinned on purpose.
   */
  private static final Map<String, Pattern> EXACT_RELEASE =
      Map.of(
          "eclipse-temurin", Pattern.compile("\\d+\\.\\d+\\.\\d+(\\.\\d+)?_\\d+-(jdk|jre)"),
          "postgres", Pattern.compile("\\d+\\.\\d+"),
          "apache/kafka", Pattern.compile("\\d+\\.\\d+\\.\\d+"));

  private static final Pattern IMAGE =
      Pattern.compile("(?<name>[a-z0-9./-]+):(?<tag>[A-Za-z0-9._-]+)(@sha256:[0-9a-f]{64})?");

  /** Read by Spring Boot itself rather than through a placeholder in application.yml. */
  private static final Set<String> SPRING_VARIABLES =
      Set.of("SPRING_PROFILES_ACTIVE", "SPRING_CONFIG_IMPORT");

  private static final String APPLICATION_YML = read("src/main/resources/application.yml");
  private static final Map<String, Object> COMPOSE = new Yaml().load(read("docker-compose.yml"));
  private static final List<String> DOCKERFILE = read("Dockerfile").lines().toList();

  @Test
  void composeRunsTheInfrastructureAndTheThreeRoles() {
    assertThat(services().keySet())
        .containsExactlyInAnyOrder(
            "postgres",
            "kafka",
            "kafka-topics",
            "prequal-api",
            "credit-service",
            "decision-service");
  }

  @ParameterizedTest(name = "{0} runs the {1} role from the service image, healthchecked")
  @CsvSource({"prequal-api, api", "credit-service, credit", "decision-service, decision"})
  void eachRoleIsAContainerOfTheSameImage(String service, String role) {
    var definition = service(service);

    assertThat(environment(service)).containsEntry("PREQUAL_ROLES", role);
    assertThat(definition).containsEntry("build", ".").containsEntry("image", "loan-prequal:local");
    assertThat(map(definition.get("healthcheck")).get("test").toString())
        .contains("health.ContainerHealthCheck");
    assertThat(map(definition.get("depends_on")))
        .containsEntry("postgres", Map.of("condition", "service_healthy"))
        .containsEntry("kafka", Map.of("condition", "service_healthy"))
        .containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"));
  }

  @ParameterizedTest(name = "every variable {0} sets is read by the service")
  @CsvSource({"prequal-api", "credit-service", "decision-service"})
  void everyVariableARoleSetsIsOneTheServiceReads(String service) {
    var read =
        PLACEHOLDER
            .matcher(APPLICATION_YML)
            .results()
            .map(match -> match.group(1))
            .collect(Collectors.toSet());

    assertThat(environment(service).keySet())
        .allSatisfy(
            name ->
                assertThat(read.contains(name) || SPRING_VARIABLES.contains(name))
                    .as(name)
                    .isTrue());
  }

  @ParameterizedTest(name = "{0} runs the production profile with secrets from the environment")
  @CsvSource({"prequal-api", "credit-service", "decision-service"})
  void rolesRunTheProductionProfileWithRequiredSecrets(String service) {
    var environment = environment(service);

    assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "production");
    assertThat(Files.exists(Path.of("src/main/resources/application-production.yml"))).isTrue();
    assertThat(environment.get("DB_PASSWORD")).asString().startsWith("${DB_PASSWORD:?");
    assertThat(environment.get("HAWTIO_PASSWORD_HASH"))
        .asString()
        .startsWith("${HAWTIO_PASSWORD_HASH:?");
    assertThat(environment)
        .containsEntry("DB_URL", "jdbc:postgresql://postgres:5432/prequal")
        .containsEntry("DB_USER", "prequal")
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
        .containsEntry("PORT", "8000")
        .containsEntry("MANAGEMENT_PORT", "8081");
  }

  @ParameterizedTest(name = "{0} reads its encryption keys from mounted secret files")
  @CsvSource({"prequal-api", "credit-service", "decision-service"})
  void rolesReadTheirKeysFromSecretFiles(String service) {
    assertThat(environment(service))
        .containsEntry("SPRING_CONFIG_IMPORT", "configtree:/run/secrets/")
        .doesNotContainKeys("PRIVACY_KEYS", "PRIVACY_LOOKUP_KEY");
    assertThat(service(service).get("secrets"))
        .asList()
        .extracting(secret -> map(secret).get("target"))
        .containsExactlyInAnyOrder("PRIVACY_KEYS", "PRIVACY_LOOKUP_KEY");
    assertThat(map(COMPOSE.get("secrets")))
        .containsEntry("privacy_keys", Map.of("environment", "PRIVACY_KEYS"))
        .containsEntry("privacy_lookup_key", Map.of("environment", "PRIVACY_LOOKUP_KEY"));
    assertThat(APPLICATION_YML).contains("${PRIVACY_KEYS:").contains("${PRIVACY_LOOKUP_KEY:");
  }

  @Test
  void onlyTheApiPublishesAPortAndOnlyThePublicOne() {
    assertThat(service("prequal-api")).containsEntry("ports", List.of("8000:8000"));
    assertThat(service("credit-service")).doesNotContainKey("ports");
    assertThat(service("decision-service")).doesNotContainKey("ports");
    assertThat(services().values())
        .allSatisfy(
            definition ->
                assertThat(String.valueOf(map(definition).get("ports"))).doesNotContain("8081"));
    assertThat(environment("prequal-api"))
        .containsKeys("HAWTIO_USER", "HAWTIO_PASSWORD_HASH", "ALLOWED_ORIGINS");
    assertThat(APPLICATION_YML)
        .contains("include: health,prometheus,hawtio,jolokia")
        .contains("port: ${MANAGEMENT_PORT:8081}");
  }

  @Test
  void postgresIsVersion16OrLaterAndHealthcheckedWithPgIsready() {
    var postgres = service("postgres");
    var image = (String) postgres.get("image");

    assertThat(image).startsWith("postgres:");
    assertThat(Integer.parseInt(image.substring("postgres:".length()).split("[.-]", 2)[0]))
        .isGreaterThanOrEqualTo(16);
    assertThat(map(postgres.get("healthcheck")).get("test").toString()).contains("pg_isready");
    assertThat(environment("postgres")).containsEntry("POSTGRES_DB", "prequal");
    assertThat(environment("postgres").get("POSTGRES_PASSWORD"))
        .asString()
        .startsWith("${POSTGRES_PASSWORD:?");
  }

  @ParameterizedTest(name = "{0} migrates as the owner and runs as an account that is not")
  @CsvSource({"prequal-api", "credit-service", "decision-service"})
  void theServiceNeverUsesTheDatabaseOwnerAtRunTime(String service) {
    var environment = environment(service);
    var postgres = environment("postgres");

    assertThat(environment.get("FLYWAY_USER")).isNotNull().isNotEqualTo(environment.get("DB_USER"));
    assertThat(environment.get("DB_USER")).isNotEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(variable(environment.get("FLYWAY_PASSWORD")))
        .isNotEqualTo(variable(environment.get("DB_PASSWORD")));
    assertThat(variable(environment.get("DB_PASSWORD")))
        .isNotEqualTo(variable(postgres.get("POSTGRES_PASSWORD")));
    assertThat(variable(environment.get("FLYWAY_PASSWORD")))
        .isNotEqualTo(variable(postgres.get("POSTGRES_PASSWORD")));
  }

  @Test
  void postgresCreatesBothAccountsFromTheRolesScriptOnANewVolume() {
    var postgres = environment("postgres");
    var role = environment("prequal-api");
    var init = read("db/postgres-init.sh");

    for (var account : List.of("FLYWAY_USER", "FLYWAY_PASSWORD", "DB_USER", "DB_PASSWORD")) {
      assertThat(postgres.get(account)).as(account).isEqualTo(role.get(account));
    }
    assertThat(service("postgres").get("volumes").toString())
        .contains("./db/roles.sql:/prequal/roles.sql:ro")
        .contains("./db/postgres-init.sh:/docker-entrypoint-initdb.d/");
    assertThat(init)
        .contains("-v owner=\"$FLYWAY_USER\" -v owner_password=\"$FLYWAY_PASSWORD\"")
        .contains("-v runtime=\"$DB_USER\" -v runtime_password=\"$DB_PASSWORD\"")
        .contains("-v database=\"$POSTGRES_DB\"")
        .contains("-f /prequal/roles.sql");
    assertThat(read("db/roles.sql"))
        .contains("ALTER DEFAULT PRIVILEGES FOR ROLE :\"owner\"")
        .doesNotContain("SUPERUSER");
  }

  @Test
  void kafkaIsTheOfficialImageInKraftModeWithoutZookeeper() {
    var kafka = service("kafka");
    var environment = environment("kafka");

    assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
    assertThat(environment.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    assertThat(environment).containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS");
    assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS")).asString().contains("kafka:9092");
    assertThat(read("docker-compose.yml").toLowerCase(Locale.ROOT)).doesNotContain("zookeeper");
    assertThat(map(kafka.get("healthcheck")).get("test").toString())
        .contains("kafka-broker-api-versions.sh");
  }

  @Test
  void kafkaAcceptsClientsOnlyWithAScramLogin() {
    var kafka = environment("kafka");
    var protocols =
        Arrays.stream(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").toString().split(",", -1))
            .map(entry -> entry.split(":", -1))
            .collect(Collectors.toMap(entry -> entry[0], entry -> entry[1]));
    var controller = kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES").toString();

    for (var listener : kafka.get("KAFKA_LISTENERS").toString().split(",", -1)) {
      var name = listener.substring(0, listener.indexOf("://"));
      if (name.equals(controller)) {
        assertThat(listener).as("the controller listener").contains("://127.0.0.1:");
      } else {
        assertThat(protocols.get(name)).as(listener).isEqualTo(BROKER_PROTOCOL);
      }
    }
    assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS"))
        .isEqualTo(BROKER_PROTOCOL + "://kafka:9092");
    assertThat(protocols.get(kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME").toString()))
        .isEqualTo(BROKER_PROTOCOL);
    assertThat(kafka)
        .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", MECHANISM)
        .containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", MECHANISM);
    assertThat(kafka.get("KAFKA_OPTS").toString())
        .isEqualTo("-Djava.security.auth.login.config=/tmp/kafka_server_jaas.conf");
    assertThat(kafkaCommand()).contains("> /tmp/kafka_server_jaas.conf");
  }

  @ParameterizedTest(name = "{0} logs in to Kafka as {1}, a user the broker bootstraps")
  @CsvSource({
    "prequal-api, prequal-api",
    "credit-service, credit-service",
    "decision-service, decision-service"
  })
  void eachRoleLogsInToKafkaAsAUserOfItsOwn(String service, String user) {
    var environment = environment(service);
    var password = environment.get("KAFKA_SASL_PASSWORD").toString();

    assertThat(environment)
        .containsEntry("KAFKA_SECURITY_PROTOCOL", BROKER_PROTOCOL)
        .containsEntry("KAFKA_SASL_MECHANISM", MECHANISM)
        .containsEntry("KAFKA_SASL_USERNAME", user);
    assertThat(password).startsWith("${" + variable(password) + ":?");
    assertThat(bootstrappedScramPasswords()).containsEntry(user, password);
  }

  @Test
  void theRolesShareNoKafkaUserOrPassword() {
    var roles = List.of("prequal-api", "credit-service", "decision-service");

    assertThat(roles.stream().map(role -> environment(role).get("KAFKA_SASL_USERNAME")))
        .doesNotHaveDuplicates();
    assertThat(roles.stream().map(role -> environment(role).get("KAFKA_SASL_PASSWORD")))
        .doesNotHaveDuplicates()
        .doesNotContain(bootstrappedScramPasswords().get("admin"));
  }

  @Test
  void theBrokersHealthCheckAndTheTopicSetUpLogInAsTheAdmin() {
    var client = environment("kafka").get("ADMIN_CLIENT_PROPERTIES").toString();
    var adminPassword = bootstrappedScramPasswords().get("admin");
    var config = "--command-config /tmp/admin-client.properties";

    assertThat(environment("kafka-topics")).containsEntry("ADMIN_CLIENT_PROPERTIES", client);
    assertThat(client)
        .contains("security.protocol=" + BROKER_PROTOCOL)
        .contains("sasl.mechanism=" + MECHANISM)
        .contains("username=\"admin\" password=\"" + adminPassword + "\"");
    assertThat(adminPassword).asString().startsWith("${KAFKA_ADMIN_PASSWORD:?");
    for (var command : List.of(kafkaCommand(), service("kafka-topics").get("command").toString())) {
      assertThat(command)
          .contains("printf '%s\\n' \"$$ADMIN_CLIENT_PROPERTIES\" > /tmp/admin-client.properties");
    }
    assertThat(map(service("kafka").get("healthcheck")).get("test").toString()).contains(config);
    assertThat(service("kafka-topics").get("command").toString())
        .contains("kafka-topics.sh --bootstrap-server kafka:9092 " + config);
  }

  @ParameterizedTest(name = "{0} is created as the service expects it")
  @CsvSource({"submitted", "credit-reports", "dead-letter"})
  void topicsAreCreatedWithThePartitionsAndRetentionTheServiceExpects(String topic) {
    Map<String, Object> configuration = new Yaml().load(APPLICATION_YML);
    var spec = map(map(map(configuration.get("prequal")).get("topics")).get(topic));
    var name = defaultOf(spec.get("name"));
    var partitions = defaultOf(spec.get("partitions"));
    var retentionMs = DurationStyle.detectAndParse(spec.get("retention").toString()).toMillis();
    var topics = service("kafka-topics");

    assertThat(topics.get("command").toString())
        .contains(
            "--topic "
                + name
                + " --partitions "
                + partitions
                + " --config retention.ms="
                + retentionMs);
    assertThat(map(topics.get("depends_on")))
        .containsEntry("kafka", Map.of("condition", "service_healthy"));
  }

  @Test
  void dockerfileBuildsWithTheWrapperThenRunsAsNonRootOnAJre() {
    var stages = DOCKERFILE.stream().filter(line -> line.startsWith("FROM ")).toList();
    var runStage =
        DOCKERFILE.subList(DOCKERFILE.indexOf(stages.get(stages.size() - 1)), DOCKERFILE.size());

    assertThat(stages).hasSize(2);
    assertThat(stages.get(0))
        .startsWith("FROM eclipse-temurin:17.")
        .endsWith("-jdk-noble AS build");
    assertThat(DOCKERFILE)
        .anySatisfy(line -> assertThat(line).contains("./mvnw -B -ntp package -DskipTests"));
    assertThat(stages.get(1))
        .isEqualTo(stages.get(0).replace("-jdk-", "-jre-").replace(" AS build", ""));
    assertThat(runStage)
        .filteredOn(line -> line.startsWith("USER "))
        .singleElement()
        .satisfies(
            user -> assertThat(user.substring("USER ".length()).trim()).isNotIn("root", "0"));
    assertThat(runStage).anySatisfy(line -> assertThat(line).startsWith("HEALTHCHECK "));
    assertThat(runStage)
        .filteredOn(line -> line.startsWith("EXPOSE "))
        .containsExactly("EXPOSE 8000");
    assertThat(String.join("\n", runStage))
        .contains("\"-cp\", \"/app/healthcheck\", \"health.ContainerHealthCheck\"");
    assertThat(Path.of("src/main/java/health/ContainerHealthCheck.java")).exists();
  }

  @Test
  void everyBaseImageIsPinnedToAnExactRelease() {
    var images =
        Stream.concat(
                DOCKERFILE.stream()
                    .filter(line -> line.startsWith("FROM "))
                    .map(line -> line.split("\\s+", -1)[1]),
                services().values().stream()
                    .map(ComposeFileTest::map)
                    // The service's own image is built from the Dockerfile above.
                    .filter(definition -> !definition.containsKey("build"))
                    .map(definition -> (String) definition.get("image")))
            .toList();

    assertThat(images).hasSizeGreaterThanOrEqualTo(4);
    assertThat(images)
        .allSatisfy(
            image -> {
              var reference = IMAGE.matcher(image);
              assertThat(reference.matches()).as("%s names a tag", image).isTrue();
              var release = EXACT_RELEASE.get(reference.group("name"));
              assertThat(release)
                  .as("%s is an image this test knows how to check", image)
                  .isNotNull();
              assertThat(reference.group("tag"))
                  .as("%s is pinned to an exact release", image)
                  .matches(release.pattern() + "(-[a-z0-9.]+)?");
            });
  }

  @Test
  void composeRunsTheKafkaReleaseTheServiceIsBuiltAgainst() {
    assertThat(service("kafka").get("image"))
        .isEqualTo("apache/kafka:" + AppInfoParser.getVersion())
        .isEqualTo(service("kafka-topics").get("image"));
  }

  /**
   * The password each user the broker's command bootstraps gets, as the compose value of the
   * variable the command reads it from.
   */
  private static Map<String, Object> bootstrappedScramPasswords() {
    var kafka = environment("kafka");
    var passwords = new HashMap<String, Object>();
    SCRAM_USER
        .matcher(kafkaCommand())
        .results()
        .forEach(user -> passwords.put(user.group(1), kafka.get(user.group(2))));
    return passwords;
  }

  private static String kafkaCommand() {
    return service("kafka").get("command").toString();
  }

  /** The variable a {@code ${NAME:?message}} value reads. */
  private static String variable(Object value) {
    var matcher = PLACEHOLDER.matcher(value.toString());
    assertThat(matcher.find()).as(value.toString()).isTrue();
    return matcher.group(1);
  }

  @Test
  void imageJvmExitsWhenOutOfMemory() {
    assertThat(DOCKERFILE)
        .filteredOn(line -> line.startsWith("ENV JAVA_OPTS="))
        .singleElement()
        .satisfies(options -> assertThat(options).contains("-Xmx", "-XX:+ExitOnOutOfMemoryError"));
  }

  /** The default of a {@code ${NAME:default}} placeholder, or the value itself. */
  private static String defaultOf(Object value) {
    var text = value.toString();
    return text.startsWith("${") ? text.substring(text.indexOf(':') + 1, text.length() - 1) : text;
  }

  private static Map<String, Object> services() {
    return map(COMPOSE.get("services"));
  }

  private static Map<String, Object> service(String name) {
    return map(services().get(name));
  }

  private static Map<String, Object> environment(String service) {
    return map(service(service).get("environment"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
