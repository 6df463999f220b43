package routes.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import application.ApplicationStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import decision.ReasonCode;
import fixtures.ConsumedRecord;
import fixtures.CreditReportMessage;
import fixtures.DeadLetterPayload;
import fixtures.LendingPolicies;
import fixtures.Topics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.component.sql.SqlConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import prequal.KafkaTestClients;
import prequal.PrequalApplication;
import resilience.CircuitBreakers;
import routes.RouteTest;
import store.RecordedDecision;
import store.ScoredApplication;
import store.StoredApplication;

/**
 * The decision route with only the decision role running: the Kafka consumer is replaced by a
 * direct endpoint and both of its statements by mocks, which answer as the database would. The test
 * sees what the route reads and records, when it commits, what it does with a report that changed
 * nothing, and how a failed statement counts with the circuit breaker. Dead letters go to the real
 * broker: the error handling is shared by the consumer routes, outside the reach of advice.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prequal.roles=decision", "prequal.retry.delay-pattern=1:10;2:10"})
class DecisionRouteTest extends RouteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MeterRegistry meters;

  @EndpointInject("mock:application")
  MockEndpoint application;

  @EndpointInject("mock:record")
  MockEndpoint record;

  private final AtomicInteger commits = new AtomicInteger();

  @Override
  protected String routeId() {
    return "decision";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.replaceFromWith("direct:credit-reports");
    route.weaveById("read-application").replace().to("mock:application");
    route.weaveById("record-decision").replace().to("mock:record");
  }

  /**
   * In each row the report's own amounts sit on the other side of the instalment boundary: only the
   * stored ones may count.
   */
  @ParameterizedTest(name = "CIBIL {1}, stored income {2} and loan {3}: {6} for {7}")
  @CsvSource({
    "rejected below the minimum score,  649, 250000.00, 500000.00, 250000.00, 500000.00, REJECTED,      CIBIL_SCORE_BELOW_MINIMUM",
    "pre-approved above the instalment, 650, 10000.01,  480000.00, 10000.00,  480000.00, PRE_APPROVED,  ALL_CRITERIA_MET",
    "manual review at the instalment,   790, 10000.00,  480000.00, 10000.01,  480000.00, MANUAL_REVIEW, INCOME_NOT_ABOVE_INSTALMENT_PROXY",
  })
  void recordsThePolicysOutcomeForTheStoredApplicationThenCommits(
      String description,
      int score,
      String storedIncome,
      String storedLoan,
      String reportedIncome,
      String reportedLoan,
      ApplicationStatus outcome,
      ReasonCode reason) {
    var id = UUID.randomUUID();
    var decided = meters.counter("prequal.decisions", "outcome", outcome.name());
    var before = decided.count();
    stored(ApplicationStatus.PENDING, storedIncome, storedLoan);
    record.whenAnyExchangeReceived(
        exchange -> {
          assertThat(commits).as("not committed before the decision is recorded").hasValue(0);
          exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 1);
        });

    send(
        CreditReportMessage.of(id)
            .score(score)
            .income(reportedIncome)
            .loan(reportedLoan)
            .correlationId("decision-test")
            .toJson());

    assertThat(application.getReceivedExchanges())
        .singleElement()
        .extracting(exchange -> exchange.getMessage().getBody(ScoredApplication.class))
        .isEqualTo(new ScoredApplication(id, score, "decision-test"));
    assertThat(record.getReceivedExchanges())
        .singleElement()
        .extracting(exchange -> exchange.getMessage().getBody(RecordedDecision.class))
        .satisfies(
            recorded -> {
              assertThat(recorded.id()).isEqualTo(id);
              assertThat(recorded.status()).isEqualTo(outcome);
              assertThat(recorded.decision().reasonCodes()).containsExactly(reason);
              assertThat(recorded.decision().policyVersion())
                  .isEqualTo(LendingPolicies.STANDARD.version());
              assertThat(recorded.cibilScore()).isEqualTo(score);
              assertThat(recorded.correlationId()).isEqualTo("decision-test");
            });
    assertThat(commits).hasValue(1);
    assertThat(decided.count()).isEqualTo(before + 1);
  }

  @Test
  void reportForADecidedApplicationChangesNothingAndIsCommitted() {
    var decided = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = decided.count();
    stored(ApplicationStatus.REJECTED, "90000.00", "500000.00");

    send(CreditReportMessage.of(UUID.randomUUID()).toJson());

    assertThat(record.getReceivedCounter()).as("no update attempted").isZero();
    assertThat(commits).hasValue(1);
    assertThat(decided.count()).isEqualTo(before);
  }

  @Test
  void reportThatAConcurrentReportBeatToTheUpdateChangesNothingAndIsCommitted() {
    var decided = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = decided.count();
    stored(ApplicationStatus.PENDING, "90000.00", "500000.00");
    record.whenAnyExchangeReceived(
        exchange -> exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 0));

    send(CreditReportMessage.of(UUID.randomUUID()).toJson());

    assertThat(record.getReceivedCounter()).isEqualTo(1);
    assertThat(commits).hasValue(1);
    assertThat(decided.count()).isEqualTo(before);
  }

  @Test
  void reportForAnUnknownApplicationIsDeadLetteredThenCommitted() throws Exception {
    var id = UUID.randomUUID();
    var payload = CreditReportMessage.of(id).toJson();

    send(payload);

    var deadLetter = awaitDeadLetter(id);
    assertThat(deadLetter.get("original_topic").asText()).isEqualTo(Topics.CREDIT_REPORTS);
    assertThat(deadLetter.get("error_message").asText()).isEqualTo("No application " + id);
    assertThat(DeadLetterPayload.of(deadLetter)).isEqualTo(payload);
    assertThat(record.getReceivedCounter()).isZero();
    assertThat(commits).hasValue(1);
  }

  /**
   * Redelivered in place like any transient failure (the breaker inherits the consumer's error
   * handling), each attempt counted by the breaker, and then left uncommitted for the consumer to
   * poll again.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a connection lost mid-statement (SQLState 08006),     08006",
    "a statement cancelled by its timeout (SQLState 57014), 57014",
    "too many connections (SQLState 53300),                 53300",
    "a pool with no connection to give (no SQLState),       ''",
  })
  void databaseOutageIsRetriedCountedByTheBreakerAndLeftUncommitted(
      String description, String sqlState) {
    stored(ApplicationStatus.PENDING, "90000.00", "500000.00");
    record.whenAnyExchangeReceived(
        exchange -> {
          throw new DataAccessResourceFailureException(
              "database unavailable",
              sqlState.isEmpty() ? null : new SQLException("database unavailable", sqlState));
        });
    breaker().reset();

    assertThatThrownBy(() -> send(CreditReportMessage.of(UUID.randomUUID()).toJson()))
        .isInstanceOf(CamelExecutionException.class)
        .hasRootCauseMessage("database unavailable");

    assertThat(record.getReceivedCounter()).as("the first attempt and 2 redeliveries").isEqualTo(3);
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
    assertThat(commits).hasValue(0);
    assertThat(deadLetterCount("org.springframework.dao.DataAccessResourceFailureException"))
        .isZero();
    breaker().reset();
  }

  /** Neither the message's fault nor an outage: retried and left uncommitted, never counted. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a deadlock (SQLState 40P01),      40P01",
    "a missing table (SQLState 42P01), 42P01",
  })
  void failureThatIsNeitherIsRetriedAndLeftUncommittedButNotCounted(
      String description, String sqlState) {
    stored(ApplicationStatus.PENDING, "90000.00", "500000.00");
    record.whenAnyExchangeReceived(
        exchange -> {
          throw new UncategorizedSQLException(
              "apply-decision", "WITH ...", new SQLException("neither", sqlState));
        });
    breaker().reset();

    assertThatThrownBy(() -> send(CreditReportMessage.of(UUID.randomUUID()).toJson()))
        .isInstanceOf(CamelExecutionException.class)
        .hasRootCauseMessage("neither");

    assertThat(record.getReceivedCounter()).isEqualTo(3);
    assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
    assertThat(commits).hasValue(0);
    assertThat(deadLetterCount("org.springframework.jdbc.UncategorizedSQLException")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a correlation id too long for its column (SQLState 22001), 22001",
    "a value out of range for its column (SQLState 22003), 22003",
    "a check constraint (SQLState 23514), 23514",
    "a foreign key (SQLState 23503), 23503",
  })
  void reportTheDatabaseRefusesIsDeadLetteredOnceAndLeavesTheBreakerAlone(
      String description, String sqlState) throws Exception {
    var id = UUID.randomUUID();
    stored(ApplicationStatus.PENDING, "90000.00", "500000.00");
    record.whenAnyExchangeReceived(
        exchange -> {
          throw new DataIntegrityViolationException(
              "PreparedStatementCallback; ERROR: refused (" + sqlState + ")",
              new SQLException("ERROR: refused (" + sqlState + ")", sqlState));
        });
    breaker().reset();
    var deadLetters = deadLetterCount("org.springframework.dao.DataIntegrityViolationException");
    var payload = CreditReportMessage.of(id).toJson();

    send(payload);

    var deadLetter = awaitDeadLetter(id);
    assertThat(deadLetter.get("error_message").asText())
        .isEqualTo("PreparedStatementCallback; ERROR: refused (" + sqlState + ")");
    assertThat(DeadLetterPayload.of(deadLetter)).isEqualTo(payload);
    assertThat(deadLetterCount("org.springframework.dao.DataIntegrityViolationException"))
        .as("dead-lettered once")
        .isEqualTo(deadLetters + 1);
    assertThat(record.getReceivedCounter()).as("not retried").isEqualTo(1);
    assertThat(commits).hasValue(1);
    assertThat(breaker().getMetrics().getNumberOfBufferedCalls())
        .as("neither a failure nor a success for the breaker")
        .isZero();
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  /** The read answers with this row, as the database would for the report's application. */
  private void stored(ApplicationStatus status, String income, String loan) {
    application.whenAnyExchangeReceived(
        exchange ->
            exchange
                .getMessage()
                .setHeader(
                    DecisionRoute.STORED,
                    new StoredApplication(status, new BigDecimal(income), new BigDecimal(loan))));
  }

  private CircuitBreaker breaker() {
    return camelContext
        .getProcessor(CircuitBreakers.DECISION_DATABASE, ResilienceProcessor.class)
        .getCircuitBreaker();
  }

  private double deadLetterCount(String errorClass) {
    var counter =
        meters
            .find("prequal.dead.letters")
            .tags("route", "decision", "error_class", errorClass)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private JsonNode awaitDeadLetter(UUID id) throws Exception {
    return JSON.readTree(
        KafkaTestClients.awaitRecord(
                Topics.DEAD_LETTER,
                candidate -> DeadLetterPayload.of(candidate.value()).contains(id.toString()),
                Duration.ofSeconds(20))
            .value());
  }

  private void send(String report) {
    commits.set(0);
    producer.sendBodyAndHeaders(
        "direct:credit-reports", report, ConsumedRecord.headers(Topics.CREDIT_REPORTS, 7, commits));
  }
}
