package faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.ApplicationRow;
import fixtures.CreditReportMessage;
import fixtures.SubmittedMessage;
import fixtures.Topics;
import harness.ApplicationStream;
import harness.Deployment;
import harness.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prequal.KafkaTestClients;

/**
 * The reliability guarantees under real failures: the service runs from its jar as child processes
 * against a real Kafka broker and a real PostgreSQL, a stream of applications is submitted, and
 * mid-stream the broker, the database or the service itself goes away. Each scenario then asserts
 * the exact end state in the database: every accepted application decided, exactly once, and
 * nothing dead-lettered because of an outage.
 *
 * <p>{@code -Dfault.applications=10000} runs the same scenarios with ten thousand applications per
 * scenario (the README's "Reliability" figures); the default keeps CI quick.
 */
class FaultToleranceIT {

  static final int APPLICATIONS = Integer.getInteger("fault.applications", 300);
  static final int RATE = Integer.getInteger("fault.rate", 150);
  static final Duration DRAIN_LIMIT =
      Duration.ofSeconds(Integer.getInteger("fault.drain-seconds", 120));
  static final Duration OUTAGE = Duration.ofSeconds(6);

  @TempDir Path dir;

  @Test
  void kafkaOutageMidStream() throws Exception {
    try (var deployment = new Deployment(dir)) {
      var service = deployment.start("all", "api,credit,decision", false);
      var fault = new CountDownLatch(1);
      var stream = submitInBackground(service.baseUrl(), fault);

      fault.await();
      deployment.kafka.stop();
      assertHealthReportsKafkaDisconnected(service);
      Thread.sleep(OUTAGE.toMillis());
      deployment.kafka.restart();
      var result = stream.join();

      assertThat(result.accepted())
          .as("every submission accepted while Kafka was down")
          .hasSize(APPLICATIONS);
      var drain = deployment.awaitAllDecided(result.accepted(), System.nanoTime(), DRAIN_LIMIT);
      deployment.assertEveryApplicationDecidedExactlyOnce(result.accepted());
      assertThat(deployment.deadLetters()).isZero();
      deployment.record("Kafka down " + OUTAGE.toSeconds() + " s", result.accepted(), drain);
    }
  }

  @Test
  void databaseOutageForTheDecisionRoleOpensItsBreaker() throws Exception {
    try (var deployment = new Deployment(dir)) {
      var intake = deployment.start("intake", "api,credit", false);
      var decision = deployment.start("decision", "decision", true);
      var fault = new CountDownLatch(1);
      var stream = submitInBackground(intake.baseUrl(), fault);

      fault.await();
      deployment.databaseProxy.disconnect();
      awaitLog(decision, "\"state\":\"OPEN\"", Duration.ofSeconds(30));
      Thread.sleep(OUTAGE.toMillis());
      deployment.databaseProxy.reconnect();
      var result = stream.join();

      assertThat(result.accepted()).hasSize(APPLICATIONS);
      var drain = deployment.awaitAllDecided(result.accepted(), System.nanoTime(), DRAIN_LIMIT);
      deployment.assertEveryApplicationDecidedExactlyOnce(result.accepted());
      assertThat(deployment.deadLetters()).as("dead letters caused by the outage").isZero();
      assertThat(decision.logContains("\"state\":\"CLOSED\"")).as("breaker closed again").isTrue();
      deployment.record(
          "PostgreSQL down " + OUTAGE.toSeconds() + " s for decision", result.accepted(), drain);
    }
  }

  @Test
  void apiAnswers503QuicklyWhileItsDatabaseIsDown() throws Exception {
    try (var deployment = new Deployment(dir)) {
      var api = deployment.start("api", "api", true);
      deployment.databaseProxy.disconnect();
      try {
        var started = System.nanoTime();
        var response =
            post(api.baseUrl(), new ApplicationStream(api.baseUrl()).nextApplication().toJson());
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("\"error\":\"Service Unavailable\"");
        // The requirement is an answer within 2 s instead of a 30 s hang; the bound leaves room
        // for a loaded CI machine.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
        System.out.println(
            "FAULT-SUITE POST with the database down answered 503 in "
                + elapsed.toMillis()
                + " ms");
      } finally {
        deployment.databaseProxy.reconnect();
      }
    }
  }

  @Test
  void serviceKilledMidStreamAndRestarted() throws Exception {
    stopMidStreamAndRestart(
        "Service SIGKILL + restart",
        first -> {
          first.kill();
          first.awaitExit(Duration.ofSeconds(10));
        });
  }

  @Test
  void serviceTerminatedMidStreamExitsCleanlyAndLosesNothing() throws Exception {
    stopMidStreamAndRestart(
        "Service SIGTERM + restart",
        first -> {
          first.terminate();
          var exit = first.awaitExit(Duration.ofSeconds(60));
          assertThat(exit).as("exited within 60 s of SIGTERM").isPresent();
          assertThat(first.logContains("Apache Camel 4.14.0 (loan-prequal) shutdown")).isTrue();
        });
  }

  /**
   * Stops the service the given way while applications are streaming in, starts it again on the
   * same port, submits what was not accepted before the stop, and requires every application to be
   * decided exactly once and nothing dead-lettered.
   */
  private void stopMidStreamAndRestart(String scenario, Consumer<ServiceProcess> stop)
      throws Exception {
    try (var deployment = new Deployment(dir)) {
      var first = deployment.start("all", "api,credit,decision", false);
      var fault = new CountDownLatch(1);
      var beforeStop = submitInBackground(first.baseUrl(), fault);

      fault.await();
      stop.accept(first);
      var accepted = new ArrayList<>(beforeStop.join().accepted());
      var second = deployment.start("all", "api,credit,decision", false, first.port());
      accepted.addAll(resubmitTheRest(second, accepted.size()));

      assertThat(accepted).hasSize(APPLICATIONS);
      var drain = deployment.awaitAllDecided(accepted, System.nanoTime(), DRAIN_LIMIT);
      deployment.assertEveryApplicationDecidedExactlyOnce(accepted);
      assertThat(deployment.deadLetters()).isZero();
      deployment.record(scenario, accepted, drain);
    }
  }

  @Test
  void poisonMessagesAreDeadLetteredOnceAndGoodOnesDecided() throws Exception {
    try (var deployment = new Deployment(dir)) {
      var service = deployment.start("all", "api,credit,decision", false);
      var fault = new CountDownLatch(1);
      var stream = submitInBackground(service.baseUrl(), fault);
      var poison = new ArrayList<ProducerRecord<String, String>>();
      poison.add(new ProducerRecord<>(Topics.SUBMITTED, "bad-json", "{not json"));
      poison.add(
          new ProducerRecord<>(
              Topics.SUBMITTED,
              "wrong-types",
              SubmittedMessage.withApplicationId("not-a-uuid").income("lots").toJson()));
      poison.add(
          new ProducerRecord<>(
              Topics.SUBMITTED,
              "plain-pan",
              SubmittedMessage.of(UUID.randomUUID()).sealedPan("ABCDE1234F").toJson()));
      poison.add(new ProducerRecord<>(Topics.CREDIT_REPORTS, "bad-json", "[1,2"));
      poison.add(
          new ProducerRecord<>(
              Topics.CREDIT_REPORTS, "score-out-of-range", report(UUID.randomUUID(), 950)));
      var unknown = UUID.randomUUID();
      poison.add(
          new ProducerRecord<>(Topics.CREDIT_REPORTS, unknown.toString(), report(unknown, 700)));

      fault.await();
      try (var producer = KafkaTestClients.producer(deployment.kafka.bootstrapServers())) {
        for (var record : poison) {
          producer.send(record).get();
        }
      }
      var result = stream.join();

      var drain = deployment.awaitAllDecided(result.accepted(), System.nanoTime(), DRAIN_LIMIT);
      deployment.assertEveryApplicationDecidedExactlyOnce(result.accepted());
      awaitDeadLetters(deployment, poison.size());
      assertHoldsForTwoSeconds(
          () ->
              assertThat(deployment.deadLetters())
                  .as("each poison message dead-lettered once")
                  .isEqualTo(poison.size()));
      deployment.record("Poison messages mixed in", result.accepted(), drain);
    }
  }

  /**
   * Credit reports for real PENDING applications, mixed into the stream, that the database would
   * refuse. Such a report can never succeed: retried as if transient, it would open the breaker for
   * every partition and keep its own blocked. The one with a correlation id too long for
   * VARCHAR(64) (SQLState 22001) the message rules now refuse before any statement runs; the other
   * passes the message rules and meets a constraint they do not know (SQLState 23514), added here
   * the way a later migration could add one, so the safety net beneath the rules is exercised
   * against the real database too. Each is dead-lettered once, its application left PENDING, the
   * breaker never leaves CLOSED, and every application behind them is decided.
   */
  @Test
  void reportsTheDatabaseRefusesAreDeadLetteredOnceAndStallNothing() throws Exception {
    try (var deployment = new Deployment(dir)) {
      var service = deployment.start("all", "api,credit,decision", false);
      deployment.database.execute(
          "ALTER TABLE application_events ADD CONSTRAINT fault_suite_refusal"
              + " CHECK (correlation_id IS DISTINCT FROM 'refused-by-the-database')");
      var tooLong = ApplicationRow.pending(UUID.randomUUID()).insert(deployment.database);
      var constrained = ApplicationRow.pending(UUID.randomUUID()).insert(deployment.database);
      var refused = List.of(tooLong, constrained);
      var fault = new CountDownLatch(1);
      var stream = submitInBackground(service.baseUrl(), fault);

      fault.await();
      try (var producer = KafkaTestClients.producer(deployment.kafka.bootstrapServers())) {
        producer
            .send(
                new ProducerRecord<>(
                    Topics.CREDIT_REPORTS,
                    tooLong.toString(),
                    CreditReportMessage.of(tooLong).correlationId("x".repeat(65)).toJson()))
            .get();
        producer
            .send(
                new ProducerRecord<>(
                    Topics.CREDIT_REPORTS,
                    constrained.toString(),
                    CreditReportMessage.of(constrained)
                        .correlationId("refused-by-the-database")
                        .toJson()))
            .get();
      }
      var result = stream.join();

      var drain =
          deployment.awaitAllDecidedExcept(
              refused, result.accepted(), System.nanoTime(), DRAIN_LIMIT);
      deployment.assertEveryApplicationDecidedExactlyOnceExcept(refused, result.accepted());
      awaitDeadLetters(deployment, refused.size());
      assertHoldsForTwoSeconds(
          () ->
              assertThat(deployment.deadLetters())
                  .as("each refused report dead-lettered once")
                  .isEqualTo(refused.size()));
      assertThat(service.logContains("Circuit breaker decision-database went from"))
          .as("the decision-database breaker left CLOSED")
          .isFalse();
      deployment.record(
          "Reports the database refuses, for PENDING applications", result.accepted(), drain);
    }
  }

  @Test
  void duplicateAndConcurrentCreditReportsChangeTheApplicationOnce() throws Exception {
    try (var deployment = new Deployment(dir)) {
      deployment.start("all", "api,credit,decision", false);
      var ids = new ArrayList<UUID>();
      for (int i = 0; i < 20; i++) {
        ids.add(ApplicationRow.pending(UUID.randomUUID()).insert(deployment.database));
      }

      try (var producer = KafkaTestClients.producer(deployment.kafka.bootstrapServers())) {
        var sends = new ArrayList<Future<RecordMetadata>>();
        for (var id : ids) {
          // Twice in a row on one partition, and once on each other partition at the same time.
          for (int partition = 0; partition < 3; partition++) {
            sends.add(
                producer.send(
                    new ProducerRecord<>(
                        Topics.CREDIT_REPORTS, partition, id.toString(), report(id, 700))));
          }
          sends.add(
              producer.send(
                  new ProducerRecord<>(Topics.CREDIT_REPORTS, 0, id.toString(), report(id, 600))));
        }
        // Awaited only after all are sent, so they still reach the consumers together; a failed
        // send fails the test here rather than as a drain timeout.
        for (var send : sends) {
          send.get();
        }
      }

      var drain = deployment.awaitAllDecided(ids, System.nanoTime(), DRAIN_LIMIT);
      assertHoldsForTwoSeconds(
          () -> {
            deployment.assertEveryApplicationDecidedExactlyOnce(ids);
            assertThat(
                    deployment.database.queryForList(
                        "SELECT DISTINCT status FROM applications", String.class))
                .containsExactly("PRE_APPROVED");
          });
      deployment.record("Each report delivered 4 times, 3 concurrently", ids, drain);
    }
  }

  private static CompletableFuture<ApplicationStream.Result> submitInBackground(
      String baseUrl, CountDownLatch fault) {
    return CompletableFuture.supplyAsync(
        () ->
            new ApplicationStream(baseUrl)
                .submit(
                    APPLICATIONS,
                    RATE,
                    i -> {
                      if (i == APPLICATIONS / 3) {
                        fault.countDown();
                      }
                    }));
  }

  /** What a client does after an outage: submits again what was not accepted. */
  private static List<UUID> resubmitTheRest(ServiceProcess service, int alreadyAccepted) {
    var rest =
        new ApplicationStream(service.baseUrl(), 7L).submit(APPLICATIONS - alreadyAccepted, RATE);
    assertThat(rest.refused() + rest.failed()).as("refused after the restart").isZero();
    return rest.accepted();
  }

  /** Asks until the health endpoint answers 503; that answer must name Kafka as the cause. */
  private static void assertHealthReportsKafkaDisconnected(ServiceProcess service) {
    var health = new AtomicReference<HttpResponse<String>>();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .dontCatchUncaughtExceptions()
        .untilAsserted(
            () -> {
              health.set(
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(service.baseUrl() + "/health")).build(),
                          HttpResponse.BodyHandlers.ofString()));
              assertThat(health.get().statusCode()).isEqualTo(503);
            });
    assertThat(health.get().body()).contains("\"kafka\":\"disconnected\"");
  }

  private static void awaitLog(ServiceProcess service, String text, Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .dontCatchUncaughtExceptions()
          .until(() -> service.logContains(text));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("The service never logged " + text, e);
    }
  }

  private static void awaitDeadLetters(Deployment deployment, long expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .dontCatchUncaughtExceptions()
        .untilAsserted(
            () ->
                assertThat(deployment.deadLetters())
                    .as("messages dead-lettered")
                    .isGreaterThanOrEqualTo(expected));
  }

  /**
   * Requires the assertion to pass for 2 s on end, so that nothing still in flight (a late
   * redelivery, a retry) changes the outcome afterwards. What the scenarios assert this way cannot
   * come right again once it has gone wrong, so the 10 s bound only leaves room for slow
   * evaluations on a loaded machine.
   */
  private static void assertHoldsForTwoSeconds(ThrowingRunnable assertion) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .dontCatchUncaughtExceptions()
        .untilAsserted(assertion);
  }

  private static HttpResponse<String> post(String baseUrl, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/applications"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String report(UUID id, int score) {
    return CreditReportMessage.of(id).score(score).correlationId("dup").toJson();
  }
}
