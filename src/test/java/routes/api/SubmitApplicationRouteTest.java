package routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import application.ApplicationStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import messages.LoanType;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import prequal.PrequalApplication;
import routes.RouteTest;
import store.NewApplication;
import web.CorrelationIds;

/**
 * The submit route with only the api role running, its one database statement replaced by a mock:
 * what it stores for a valid form, and what it answers for a valid form, an invalid one and a
 * database that is away.
 */
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "prequal.roles=api")
class SubmitApplicationRouteTest extends RouteTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID =
      "{\"pan_number\":\"ABCDE1234F\",\"applicant_name\":\"Rajesh Kumar\","
          + "\"monthly_income_inr\":75000.5,\"loan_amount_inr\":500000,\"loan_type\":\"PERSONAL\"}";

  @EndpointInject("mock:store")
  MockEndpoint store;

  @Override
  protected String routeId() {
    return "submit-application";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.weaveById("store-application").replace().to("mock:store");
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
    return producer.request(
        "direct:submitApplication",
        exchange -> {
          exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
          exchange.getMessage().setHeader(CorrelationIds.HEADER, correlationId);
          exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        });
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
