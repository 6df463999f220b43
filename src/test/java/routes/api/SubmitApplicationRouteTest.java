package routes.api;

import static org.apache.camel.builder.Builder.constant;
import static org.assertj.core.api.Assertions.assertThat;

import application.ApplicationForm;
import application.ApplicationStatus;
import application.IdempotencyKey;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import messages.LoanType;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import prequal.PrequalApplication;
import privacy.KeyedHash;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import routes.RouteTest;
import store.EarlierSubmission;
import store.NewApplication;
import web.CorrelationIds;

/**
 * The submit route with only the api role running, its database statements replaced by mocks: what
 * it stores for a valid form, with or without an Idempotency-Key, and what it answers for a valid
 * form, an invalid one or key, a key that already stands for an application, and a database that is
 * away.
 */
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "prequal.roles=api")
class SubmitApplicationRouteTest extends RouteTest {

  @Autowired private PersonalDataCipher cipher;
  @Autowired private KeyedHash keyedHash;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID =
      "{\"pan_number\":\"ABCDE1234F\",\"applicant_name\":\"Rajesh Kumar\","
          + "\"monthly_income_inr\":75000.5,\"loan_amount_inr\":500000,\"loan_type\":\"PERSONAL\"}";

  @EndpointInject("mock:store")
  MockEndpoint store;

  @EndpointInject("mock:earlier")
  MockEndpoint earlier;

  @Override
  protected String routeId() {
    return "submit-application";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.weaveById("store-application").replace().to("mock:store");
    route.weaveById("store-in-group").replace().to("mock:store");
    route.weaveById("read-earlier-submission").replace().to("mock:earlier");
  }

  /** As the statement answers when it stored the application. */
  @BeforeEach
  void storeStoresOneApplication() {
    store.returnReplyHeader(SqlConstants.SQL_UPDATE_COUNT, constant(1));
  }

  @Test
  void storesTheFormWithItsMessageThenAnswers202() throws Exception {
    store.expectedMessageCount(1);

    var answer = submit(VALID, "submit-route-test");

    store.assertIsSatisfied();
    var stored = store.getReceivedExchanges().get(0).getMessage().getBody(NewApplication.class);
    assertThat(stored.form().panNumber().value()).isEqualTo("ABCDE1234F");
    assertThat(stored.form().monthlyIncomeInr()).hasToString("75000.50");
    assertThat(stored.form().loanAmountInr()).hasToString("500000.00");
    assertThat(stored.form().loanType()).isEqualTo(LoanType.PERSONAL);
    assertThat(stored.correlationId()).isEqualTo("submit-route-test");
    assertThat(stored.topic()).isEqualTo(Topics.SUBMITTED);
    var message = readTree(stored.payload());
    assertThat(message.get("application_id").asText()).isEqualTo(stored.id().toString());
    assertThat(message.get("monthly_income_inr").asText()).isEqualTo("75000.50");
    assertThat(message.get("correlation_id").asText()).isEqualTo("submit-route-test");
    assertThat(stored.payload()).doesNotContain("ABCDE1234F").doesNotContain("applicant_name");
    assertThat(
            cipher.open(
                SealedField.panNumber(stored.id()), message.get("pan_number_sealed").asText()))
        .isEqualTo("ABCDE1234F");
    var parameters = stored.toParameters();
    assertThat(parameters).doesNotContainKeys("pan_number", "applicant_name");
    assertThat(parameters.get("pan_number_sealed")).isEqualTo(stored.applicant().panNumberSealed());
    assertThat(
            cipher.open(
                SealedField.applicantName(stored.id()),
                (String) parameters.get("applicant_name_sealed")))
        .isEqualTo(stored.form().applicantName());
    assertThat(parameters.get("pan_lookup")).isEqualTo(keyedHash.ofPan("ABCDE1234F"));

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
    assertThat(answer.getMessage().getHeader("Location"))
        .isEqualTo("/applications/" + stored.id() + "/status");
    var body = readTree(answer.getMessage().getBody(String.class));
    assertThat(body.get("application_id").asText()).isEqualTo(stored.id().toString());
    assertThat(body.get("status").asText()).isEqualTo(ApplicationStatus.PENDING.name());
  }

  @Test
  void eachSubmissionGetsAnIdOfItsOwn() throws Exception {
    store.expectedMessageCount(2);

    submit(VALID, "first");
    submit(VALID, "second");

    store.assertIsSatisfied();
    var ids =
        store.getReceivedExchanges().stream()
            .map(exchange -> exchange.getMessage().getBody(NewApplication.class).id())
            .toList();
    assertThat(ids).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void idempotencyKeyIsStoredWithTheFormsFingerprint() throws Exception {
    store.expectedMessageCount(1);

    submit(VALID, "keyed", "order-42:attempt.1_a");

    store.assertIsSatisfied();
    var stored = store.getReceivedExchanges().get(0).getMessage().getBody(NewApplication.class);
    assertThat(stored.idempotencyKey()).isEqualTo(new IdempotencyKey("order-42:attempt.1_a"));
    assertThat(stored.toParameters())
        .containsEntry("idempotency_key", "order-42:attempt.1_a")
        .containsEntry("request_hash", stored.form().fingerprint(keyedHash))
        .containsEntry("key_retention", "86400000 milliseconds");
    assertThat(earlier.getReceivedCounter()).isZero();
  }

  @Test
  void submissionWithoutAKeyStoresNone() throws Exception {
    store.expectedMessageCount(1);

    submit(VALID, "no-key");

    store.assertIsSatisfied();
    var stored = store.getReceivedExchanges().get(0).getMessage().getBody(NewApplication.class);
    assertThat(stored.toParameters())
        .containsEntry("idempotency_key", null)
        .containsEntry("request_hash", null);
  }

  @ParameterizedTest(name = "a repeat of an application now {0} is answered {1} with its id")
  @CsvSource({"PENDING, 202", "PRE_APPROVED, 200", "REJECTED, 200", "MANUAL_REVIEW, 200"})
  void repeatedKeyIsAnsweredWithTheEarlierApplication(ApplicationStatus status, int code) {
    var id = UUID.randomUUID();
    keyAlreadyStandsFor(id, status, fingerprint(VALID));

    var answer = submit(VALID, "repeated", "repeated-key");

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(code);
    assertThat(answer.getMessage().getHeader("Location"))
        .isEqualTo("/applications/" + id + "/status");
    var body = readTree(answer.getMessage().getBody(String.class));
    assertThat(body.get("application_id").asText()).isEqualTo(id.toString());
    assertThat(body.get("status").asText()).isEqualTo(status.name());
    assertThat(earlier.getReceivedCounter()).isEqualTo(1);
  }

  @Test
  void repeatedKeyWithADifferentFormIsA409() {
    keyAlreadyStandsFor(
        UUID.randomUUID(), ApplicationStatus.PENDING, fingerprint(VALID.replace("500000", "1")));

    var answer = submit(VALID, "conflict", "reused-key");

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
    assertThat(readTree(answer.getMessage().getBody(String.class)))
        .isEqualTo(
            readTree(
                "{\"error\":\"Conflict\",\"message\":"
                    + "\"Idempotency-Key was already used for a different application\"}"));
  }

  @Test
  void keyPurgedBetweenTheStatementsIsA503ToRetry() {
    store.returnReplyHeader(SqlConstants.SQL_UPDATE_COUNT, constant(0));

    var answer = submit(VALID, "purged", "purged-key");

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
    assertThat(answer.getMessage().getHeader("Retry-After")).isEqualTo("5");
  }

  @ParameterizedTest(name = "Idempotency-Key \"{0}\" is a 422 naming the header")
  @ValueSource(strings = {"", "has space", "ключ", "a/b"})
  void invalidKeyIsA422AndStoresNothing(String key) {
    var answer = submit(VALID, "invalid-key", key);

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(422);
    assertThat(readTree(answer.getMessage().getBody(String.class)).get("details"))
        .singleElement()
        .satisfies(detail -> assertThat(detail.get("field").asText()).isEqualTo("Idempotency-Key"));
    assertThat(store.getReceivedCounter()).isZero();
  }

  @Test
  void keyOfTheLongestLengthIsAcceptedAndOneLongerIsNot() {
    assertThat(
            submit(VALID, "longest-key", "k".repeat(128))
                .getMessage()
                .getHeader(Exchange.HTTP_RESPONSE_CODE))
        .isEqualTo(202);
    assertThat(
            submit(VALID, "too-long-key", "k".repeat(129))
                .getMessage()
                .getHeader(Exchange.HTTP_RESPONSE_CODE))
        .isEqualTo(422);
  }

  @Test
  void invalidFormIsA422AndStoresNothing() {
    var answer = submit("{\"pan_number\":\"abc\"}", "invalid");

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(422);
    var body = readTree(answer.getMessage().getBody(String.class));
    assertThat(body.get("error").asText()).isEqualTo("Validation Error");
    assertThat(body.get("details").findValuesAsText("field"))
        .containsExactly(
            "pan_number", "applicant_name", "monthly_income_inr", "loan_amount_inr", "loan_type");
    assertThat(store.getReceivedCounter()).isZero();
  }

  @Test
  void databaseAwayIsA503WithRetryAfter() {
    store.whenAnyExchangeReceived(
        exchange -> {
          throw new DataAccessResourceFailureException("connection refused");
        });

    var answer = submit(VALID, "database-away");

    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
    assertThat(answer.getMessage().getHeader("Retry-After")).isEqualTo("5");
    assertThat(readTree(answer.getMessage().getBody(String.class)).get("error").asText())
        .isEqualTo("Service Unavailable");
  }

  private Exchange submit(String body, String correlationId) {
    return submit(body, correlationId, null);
  }

  private Exchange submit(String body, String correlationId, String idempotencyKey) {
    return producer.request(
        "direct:submitApplication",
        exchange -> {
          exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
          exchange.getMessage().setHeader(CorrelationIds.HEADER, correlationId);
          exchange.getMessage().setHeader(IdempotencyKey.HEADER, idempotencyKey);
          exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        });
  }

  /** The statement stores nothing, and the key's row names this application. */
  private void keyAlreadyStandsFor(UUID id, ApplicationStatus status, String requestHash) {
    store.returnReplyHeader(SqlConstants.SQL_UPDATE_COUNT, constant(0));
    earlier.returnReplyHeader(
        SubmitApplicationRoute.EARLIER, constant(new EarlierSubmission(id, status, requestHash)));
  }

  private String fingerprint(String body) {
    try {
      Map<String, Object> fields =
          JSON.readerFor(new TypeReference<Map<String, Object>>() {})
              .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
              .readValue(body);
      return ApplicationForm.parse(fields).fingerprint(keyedHash);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
