package routes.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import application.ApplicationStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ConsumedRecord;
import fixtures.CreditReportMessage;
import fixtures.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import prequal.KafkaTestClients;
import prequal.PrequalApplication;
import routes.RouteTest;
import store.RecordedDecision;

/**
 * The decision route with only the decision role running: the Kafka consumer is replaced by a
 * direct endpoint and both of its statements by mocks, which answer as the database would. The test
 * sees what the route records, when it commits, and what it does with a report that changed
 * nothing. Dead letters go to the real broker: the error handling is shared by the consumer routes,
 * outside the reach of advice.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prequal.roles=decision", "prequal.retry.delay-pattern=1:10;2:10"})
class DecisionRouteTest extends RouteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MeterRegistry meters;

  @EndpointInject("mock:record")
  MockEndpoint record;

  @EndpointInject("mock:current-status")
  MockEndpoint currentStatus;

  private final AtomicInteger commits = new AtomicInteger();

  @Override
  protected String routeId() {
    return "decision";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.replaceFromWith("direct:credit-reports");
    route.weaveById("record-decision").replace().to("mock:record");
    route.weaveById("read-current-status").replace().to("mock:current-status");
  }

  @ParameterizedTest(name = "CIBIL {1}, income {2}, loan {3}: {4}")
  @CsvSource({
    "rejected below the minimum score,   649, 250000.00, 500000.00, REJECTED",
    "pre-approved above the instalment,  650, 10000.01,  480000.00, PRE_APPROVED",
    "manual review at the instalment,    790, 10000.00,  480000.00, MANUAL_REVIEW",
  })
  void recordsThePolicysOutcomeThenCommits(
      String description, int score, String income, String loan, ApplicationStatus outcome) {
    var id = UUID.randomUUID();
    var decided = meters.counter("prequal.decisions", "outcome", outcome.name());
    var before = decided.count();
    record.whenAnyExchangeReceived(
        exchange -> {
          assertThat(commits).as("not committed before the decision is recorded").hasValue(0);
          exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 1);
        });

    send(
        CreditReportMessage.of(id)
            .score(score)
            .income(income)
            .loan(loan)
            .correlationId("decision-test")
            .toJson());

    assertThat(record.getReceivedExchanges())
        .singleElement()
        .extracting(exchange -> exchange.getMessage().getBody(RecordedDecision.class))
        .isEqualTo(new RecordedDecision(id, outcome, score, "decision-test"));
    assertThat(currentStatus.getReceivedCounter()).isZero();
    assertThat(commits).hasValue(1);
    assertThat(decided.count()).isEqualTo(before + 1);
  }

  @Test
  void duplicateReportChangesNothingAndIsCommitted() {
    var decided = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = decided.count();
    record.whenAnyExchangeReceived(
        exchange -> exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 0));
    currentStatus.whenAnyExchangeReceived(
        exchange -> exchange.getMessage().setHeader(DecisionRoute.CURRENT_STATUS, "REJECTED"));

    send(CreditReportMessage.of(UUID.randomUUID()).toJson());

    assertThat(currentStatus.getReceivedCounter()).isEqualTo(1);
    assertThat(commits).hasValue(1);
    assertThat(decided.count()).isEqualTo(before);
  }

  @Test
  void reportForAnUnknownApplicationIsDeadLetteredThenCommitted() throws Exception {
    var id = UUID.randomUUID();
    record.whenAnyExchangeReceived(
        exchange -> exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 0));
    currentStatus.whenAnyExchangeReceived(
        exchange -> exchange.getMessage().setHeader(DecisionRoute.CURRENT_STATUS, null));
    var payload = CreditReportMessage.of(id).toJson();

    send(payload);

    var deadLetter =
        JSON.readTree(
            KafkaTestClients.awaitRecord(
                    Topics.DEAD_LETTER,
                    candidate -> candidate.value().contains(id.toString()),
                    Duration.ofSeconds(20))
                .value());
    assertThat(deadLetter.get("original_topic").asText()).isEqualTo(Topics.CREDIT_REPORTS);
    assertThat(deadLetter.get("error_message").asText()).isEqualTo("No application " + id);
    assertThat(deadLetter.get("payload").asText()).isEqualTo(payload);
    assertThat(commits).hasValue(1);
  }

  /**
   * A failure inside the breaker is not redelivered in place: the breaker counts it, and the
   * uncommitted record is polled again.
   */
  @Test
  void databaseFailureLeavesTheReportUncommitted() {
    record.whenAnyExchangeReceived(
        exchange -> {
          throw new DataAccessResourceFailureException("connection refused");
        });

    assertThatThrownBy(() -> send(CreditReportMessage.of(UUID.randomUUID()).toJson()))
        .isInstanceOf(CamelExecutionException.class)
        .hasRootCauseMessage("connection refused");
    assertThat(record.getReceivedCounter()).isEqualTo(1);
    assertThat(commits).hasValue(0);
  }

  private void send(String report) {
    commits.set(0);
    producer.sendBodyAndHeaders(
        "direct:credit-reports", report, ConsumedRecord.headers(Topics.CREDIT_REPORTS, 7, commits));
  }
}
