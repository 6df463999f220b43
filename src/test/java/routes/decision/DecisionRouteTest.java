package routes.decision;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.test.spring.junit5.MockEndpointsAndSkip;
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
import store.DecidedApplication;
import store.RecordedDecision;
import store.RecordedDecisions;
import store.ReportedApplications;
import store.StoredApplication;

/**
 * The decision route with only the decision role running: the Kafka consumer is replaced by a
 * direct endpoint that hands it batches, and both of its statements by mocks, which answer as the
 * database would (the recording statement wherever it is sent from, the route or its one-at-a-time
 * fallback). The test sees what the route reads and records, when it commits or rewinds, what it
 * does with a report that changed nothing, and how a failed statement counts with the circuit
 * breaker. Dead letters go to the real broker: the error handling is shared by the consumer routes,
 * outside the reach of advice.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prequal.roles=decision", "prequal.retry.delay-pattern=1:10;2:10"})
@MockEndpointsAndSkip("sql:classpath:sql/apply-decisions.sql*")
class DecisionRouteTest extends RouteTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long OFFSET = 7;

  @Autowired MeterRegistry meters;

  @EndpointInject("mock:application")
  MockEndpoint application;

  private ConsumedRecord.Partition partition;

  @Override
  protected String routeId() {
    return "decision";
  }

  @Override
  protected void advise(AdviceWithRouteBuilder route) throws Exception {
    route.replaceFromWith("direct:credit-reports");
    route.weaveById("read-applications").replace().to("mock:application");
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
    stored(pending(id, storedIncome, storedLoan));
    record()
        .whenAnyExchangeReceived(
            exchange -> {
              assertThat(partition.committed())
                  .as("not committed before the decisions are recorded")
                  .isEmpty();
              decideAll(exchange);
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
        .extracting(exchange -> exchange.getMessage().getBody(ReportedApplications.class))
        .isEqualTo(new ReportedApplications(Set.of(id)));
    assertThat(recorded())
        .singleElement()
        .satisfies(
            recorded -> {
              assertThat(recorded.id()).isEqualTo(id);
              assertThat(recorded.status()).isEqualTo(outcome);
              assertThat(recorded.decision().reasonCodes()).containsExactly(reason);
              assertThat(recorded.decision().policyVersion())
                  .isEqualTo(LendingPolicies.STANDARD.version());
              assertThat(recorded.cibilScore()).isEqualTo(score);
              assertThat(recorded.correlationId()).isEqualTo("decision-test");
              assertThat(recorded.referral() != null)
                  .isEqualTo(outcome == ApplicationStatus.MANUAL_REVIEW);
            });
    assertThat(partition.committed()).containsExactly(OFFSET);
    assertThat(decided.count()).isEqualTo(before + 1);
  }

  /**
   * One batch, one read, one recording statement: a report for an unknown application is
   * dead-lettered on its own, a second report for the same application is left out of the
   * statement, a report for a decided application too, and the partition is committed once, up to
   * the batch's last record.
   */
  @Test
  void batchIsDecidedInOneStatementItsPoisonDeadLetteredAndCommittedOnce() throws Exception {
    var first = UUID.randomUUID();
    var second = UUID.randomUUID();
    var decidedAlready = UUID.randomUUID();
    var unknown = UUID.randomUUID();
    var unknownReport = CreditReportMessage.of(unknown).toJson();
    stored(
        pending(first, "90000.00", "500000.00"),
        pending(second, "90000.00", "500000.00"),
        new StoredApplication(
            decidedAlready,
            ApplicationStatus.REJECTED,
            new BigDecimal("90000.00"),
            new BigDecimal("500000.00")));
    record().whenAnyExchangeReceived(DecisionRouteTest::decideAll);
    var approved = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = approved.count();

    send(
        CreditReportMessage.of(first).score(760).toJson(),
        unknownReport,
        CreditReportMessage.of(first).score(760).toJson(),
        CreditReportMessage.of(decidedAlready).toJson(),
        CreditReportMessage.of(second).score(760).toJson());

    assertThat(application.getReceivedCounter()).isEqualTo(1);
    assertThat(record().getReceivedCounter()).isEqualTo(1);
    assertThat(recorded()).extracting(RecordedDecision::id).containsExactly(first, second);
    var deadLetter = awaitDeadLetter(unknown);
    assertThat(deadLetter.get("error_message").asText()).isEqualTo("No application " + unknown);
    assertThat(deadLetter.get("original_offset").asLong()).isEqualTo(OFFSET + 1);
    assertThat(DeadLetterPayload.of(deadLetter)).isEqualTo(unknownReport);
    assertThat(partition.committed()).containsExactly(OFFSET + 4);
    assertThat(approved.count()).isEqualTo(before + 2);
  }

  @Test
  void reportForADecidedApplicationChangesNothingAndIsCommitted() {
    var id = UUID.randomUUID();
    var decided = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = decided.count();
    stored(
        new StoredApplication(
            id,
            ApplicationStatus.REJECTED,
            new BigDecimal("90000.00"),
            new BigDecimal("500000.00")));

    send(CreditReportMessage.of(id).toJson());

    assertThat(record().getReceivedCounter()).as("no update attempted").isZero();
    assertThat(partition.committed()).containsExactly(OFFSET);
    assertThat(decided.count()).isEqualTo(before);
  }

  @Test
  void reportThatAConcurrentReportBeatToTheUpdateChangesNothingAndIsCommitted() {
    var id = UUID.randomUUID();
    var decided = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = decided.count();
    stored(pending(id, "90000.00", "500000.00"));
    record()
        .whenAnyExchangeReceived(
            exchange -> exchange.getMessage().setHeader(DecisionRoute.DECIDED, List.of()));

    send(CreditReportMessage.of(id).toJson());

    assertThat(record().getReceivedCounter()).isEqualTo(1);
    assertThat(partition.committed()).containsExactly(OFFSET);
    assertThat(decided.count()).isEqualTo(before);
  }

  @Test
  void reportForAnUnknownApplicationIsDeadLetteredThenCommitted() throws Exception {
    var id = UUID.randomUUID();
    var payload = CreditReportMessage.of(id).toJson();
    stored();

    send(payload);

    var deadLetter = awaitDeadLetter(id);
    assertThat(deadLetter.get("original_topic").asText()).isEqualTo(Topics.CREDIT_REPORTS);
    assertThat(deadLetter.get("error_message").asText()).isEqualTo("No application " + id);
    assertThat(DeadLetterPayload.of(deadLetter)).isEqualTo(payload);
    assertThat(record().getReceivedCounter()).isZero();
    assertThat(partition.committed()).containsExactly(OFFSET);
  }

  /**
   * Redelivered in place like any transient failure (the breaker inherits the consumer's error
   * handling), each attempt counted by the breaker, and then given up: rewound to the batch's first
   * record, uncommitted, for the consumer to poll again.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a connection lost mid-statement (SQLState 08006),     08006",
    "a statement cancelled by its timeout (SQLState 57014), 57014",
    "too many connections (SQLState 53300),                 53300",
    "a pool with no connection to give (no SQLState),       ''",
  })
  void databaseOutageIsRetriedCountedByTheBreakerAndRewound(String description, String sqlState) {
    var id = UUID.randomUUID();
    stored(pending(id, "90000.00", "500000.00"));
    record()
        .whenAnyExchangeReceived(
            exchange -> {
              throw new DataAccessResourceFailureException(
                  "database unavailable",
                  sqlState.isEmpty() ? null : new SQLException("database unavailable", sqlState));
            });
    breaker().reset();

    send(CreditReportMessage.of(id).toJson());

    assertThat(record().getReceivedCounter())
        .as("the first attempt and 2 redeliveries")
        .isEqualTo(3);
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
    assertThat(partition.committed()).isEmpty();
    assertThat(partition.rewoundTo()).containsExactly(OFFSET);
    assertThat(deadLetterCount("org.springframework.dao.DataAccessResourceFailureException"))
        .isZero();
    breaker().reset();
  }

  /** Neither the message's fault nor an outage: retried and rewound, never counted. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a deadlock (SQLState 40P01),      40P01",
    "a missing table (SQLState 42P01), 42P01",
  })
  void failureThatIsNeitherIsRetriedAndRewoundButNotCounted(String description, String sqlState) {
    var id = UUID.randomUUID();
    stored(pending(id, "90000.00", "500000.00"));
    record()
        .whenAnyExchangeReceived(
            exchange -> {
              throw new UncategorizedSQLException(
                  "apply-decisions", "WITH ...", new SQLException("neither", sqlState));
            });
    breaker().reset();

    send(CreditReportMessage.of(id).toJson());

    assertThat(record().getReceivedCounter()).isEqualTo(3);
    assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
    assertThat(partition.committed()).isEmpty();
    assertThat(partition.rewoundTo()).containsExactly(OFFSET);
    assertThat(deadLetterCount("org.springframework.jdbc.UncategorizedSQLException")).isZero();
  }

  /**
   * The database refuses the batch; recorded one at a time, the refused report is dead-lettered
   * once, the other decided, the partition committed, and the breaker never hears of it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a correlation id too long for its column (SQLState 22001), 22001",
    "a value out of range for its column (SQLState 22003), 22003",
    "a check constraint (SQLState 23514), 23514",
    "a foreign key (SQLState 23503), 23503",
  })
  void reportTheDatabaseRefusesIsDeadLetteredOnceAndTheRestDecided(
      String description, String sqlState) throws Exception {
    var refused = UUID.randomUUID();
    var accepted = UUID.randomUUID();
    stored(pending(refused, "90000.00", "500000.00"), pending(accepted, "90000.00", "500000.00"));
    record()
        .whenAnyExchangeReceived(
            exchange -> {
              var ids =
                  exchange.getMessage().getBody(RecordedDecisions.class).decisions().stream()
                      .map(RecordedDecision::id)
                      .toList();
              if (ids.contains(refused)) {
                throw new DataIntegrityViolationException(
                    "PreparedStatementCallback; ERROR: refused (" + sqlState + ")",
                    new SQLException("ERROR: refused (" + sqlState + ")", sqlState));
              }
              decideAll(exchange);
            });
    breaker().reset();
    var deadLetters = deadLetterCount("org.springframework.dao.DataIntegrityViolationException");
    var decided = meters.counter("prequal.decisions", "outcome", "PRE_APPROVED");
    var before = decided.count();
    var payload = CreditReportMessage.of(refused).score(760).toJson();

    send(payload, CreditReportMessage.of(accepted).score(760).toJson());

    var deadLetter = awaitDeadLetter(refused);
    assertThat(deadLetter.get("error_message").asText())
        .isEqualTo("PreparedStatementCallback; ERROR: refused (" + sqlState + ")");
    assertThat(DeadLetterPayload.of(deadLetter)).isEqualTo(payload);
    assertThat(deadLetterCount("org.springframework.dao.DataIntegrityViolationException"))
        .as("dead-lettered once")
        .isEqualTo(deadLetters + 1);
    assertThat(record().getReceivedCounter())
        .as("the batch, then each decision alone, none retried")
        .isEqualTo(3);
    assertThat(decided.count()).isEqualTo(before + 1);
    assertThat(partition.committed()).containsExactly(OFFSET + 1);
    assertThat(breaker().getMetrics().getNumberOfFailedCalls())
        .as("a database that refuses data answered: no failure for the breaker")
        .isZero();
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  private static StoredApplication pending(UUID id, String income, String loan) {
    return new StoredApplication(
        id, ApplicationStatus.PENDING, new BigDecimal(income), new BigDecimal(loan));
  }

  /** The read answers with these rows, as the database would for the batch's applications. */
  private void stored(StoredApplication... rows) {
    application.whenAnyExchangeReceived(
        exchange -> exchange.getMessage().setHeader(DecisionRoute.STORED, List.of(rows)));
  }

  /** The recording statement's answer when every decision changed its application. */
  private static void decideAll(Exchange exchange) {
    exchange
        .getMessage()
        .setHeader(
            DecisionRoute.DECIDED,
            exchange.getMessage().getBody(RecordedDecisions.class).decisions().stream()
                .map(decision -> new DecidedApplication(decision.id()))
                .toList());
  }

  /** The recording statement, mocked wherever it is sent from. */
  private MockEndpoint record() {
    return camelContext.getEndpoints().stream()
        .filter(MockEndpoint.class::isInstance)
        .map(MockEndpoint.class::cast)
        .filter(mock -> mock.getEndpointUri().contains("apply-decisions"))
        .findFirst()
        .orElseThrow();
  }

  private List<RecordedDecision> recorded() {
    return record().getReceivedExchanges().stream()
        .flatMap(
            exchange -> exchange.getMessage().getBody(RecordedDecisions.class).decisions().stream())
        .toList();
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

  private void send(String... reports) {
    partition = new ConsumedRecord.Partition(Topics.CREDIT_REPORTS, OFFSET);
    producer.sendBody("direct:credit-reports", partition.batch(camelContext, reports));
  }
}
