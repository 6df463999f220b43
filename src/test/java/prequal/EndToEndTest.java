package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.DevelopmentKeys;
import fixtures.StaffJwts;
import harness.ApplicationStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import privacy.SealedField;

/**
 * The whole service, all roles, over HTTP against the real in-process Kafka broker and a real
 * PostgreSQL. Every end-to-end test shares this one configuration, so Spring starts the service
 * once per test run and no two contexts compete for the same consumer groups. Metrics are exported
 * and Camel's route MBeans registered as in production (tests otherwise switch both off), so the
 * tests can read {@code /actuator/prometheus} and the routes hawtio shows. The management server
 * gets a free port of its own, as the public one does. Staff tokens are those {@link StaffJwts}
 * mints, verified with its JWK set as if from the lender's identity provider; the local run's Basic
 * users are off.
 */
@AutoConfigureObservability
@DisableJmx(false)
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prequal.admin.token=" + EndToEndTest.OPERATOR_TOKEN,
      "prequal.stale.check-interval-ms=500",
      "prequal.privacy.retention-check-interval=1s",
      "prequal.review.escalation-interval=1s",
      "prequal.staff.jwt.issuer-uri=" + StaffJwts.ISSUER,
      "prequal.staff.jwt.audiences=" + StaffJwts.AUDIENCE,
      "management.server.port=0"
    })
@CamelSpringBootTest
public abstract class EndToEndTest {

  protected static final String OPERATOR_TOKEN = "test-operator-token";
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final Duration DECISION_TIMEOUT = Duration.ofSeconds(10);

  @LocalServerPort protected int port;
  @LocalManagementPort protected int managementPort;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected CamelContext camelContext;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.register(registry);
    registry.add("prequal.staff.jwt.jwk-set-uri", StaffJwts::jwkSetUri);
  }

  protected ApiClient api() {
    return new ApiClient(port);
  }

  protected ManagementClient management() {
    return new ManagementClient(managementPort);
  }

  protected static String application(
      String pan, String name, String income, String loan, String type) {
    return new ApplicationStream.Application(
            pan, name, new BigDecimal(income), new BigDecimal(loan), type)
        .toJson();
  }

  /** Submits and returns the new application's id, asserting the 202 contract on the way. */
  protected UUID submit(String body) {
    var response = api().post("/applications", "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    var json = readTree(response.body());
    assertThat(json.get("status").asText()).isEqualTo("PENDING");
    var id = UUID.fromString(json.get("application_id").asText());
    assertThat(response.headers().firstValue("Location"))
        .hasValue("/applications/" + id + "/status");
    return id;
  }

  protected String status(UUID id) {
    var response = api().get("/applications/" + id + "/status");
    assertThat(response.statusCode()).isEqualTo(200);
    return readTree(response.body()).get("status").asText();
  }

  /** Polls the status resource, as a client would, until the application leaves PENDING. */
  protected String awaitDecision(UUID id) {
    return await()
        .atMost(DECISION_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status(id), status -> !"PENDING".equals(status));
  }

  protected int decisionEvents(UUID id) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM application_events"
            + " WHERE application_id = ? AND to_status <> 'PENDING' AND action IS NULL",
        Integer.class,
        id);
  }

  /** The applicant's name as stored, opened with the development key; null once erased. */
  protected String storedName(UUID id) {
    return openedName(
        id,
        jdbc.queryForObject(
            "SELECT applicant_name_sealed FROM applications WHERE id = ?", String.class, id));
  }

  /** A sealed {@code applicant_name_sealed} of application {@code id}, opened; null stays null. */
  protected static String openedName(UUID id, String sealed) {
    return sealed == null
        ? null
        : DevelopmentKeys.CIPHER.open(SealedField.applicantName(id), sealed);
  }

  protected static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
