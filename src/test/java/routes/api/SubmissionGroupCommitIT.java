package routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.ApplicationForms;
import fixtures.Topics;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import prequal.EndToEndTest;
import resilience.DatabaseFailure;
import store.NewApplication;

/**
 * Submissions without an Idempotency-Key stored in groups, against the real PostgreSQL: while a
 * commit is held up the submissions arriving meanwhile wait, then share a commit, each stored with
 * its audit event and its outbox event; a submission the database refuses fails alone.
 *
 * <p>A test holds the commits up by locking the outbox against inserts; rows one transaction
 * inserted share its {@code xmin}, which tells the groups apart.
 */
class SubmissionGroupCommitIT extends EndToEndTest {

  private static final int SUBMISSIONS = 30;

  @Autowired DataSource dataSource;
  @Autowired SubmissionGroupCommit groupCommit;
  @Autowired ApplicationIntake intake;

  private final ExecutorService clients = Executors.newCachedThreadPool();

  @AfterEach
  void stopClients() {
    clients.shutdownNow();
  }

  @Test
  void submissionsArrivingDuringACommitShareTheNextAndEachIsStoredWithItsEvents() throws Exception {
    var ids = new ArrayList<UUID>();
    try (var lock = outboxLockedAgainstInserts()) {
      var submitted =
          IntStream.range(0, SUBMISSIONS)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              submit(
                                  application(
                                      "ABCDE1234F", "Rajesh Kumar", "250000", "500000", "HOME")),
                          clients))
              .toList();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> camelContext.getInflightRepository().size("submit-application") == SUBMISSIONS);
      // In flight, they are past their parsing and sealing within microseconds.
      Thread.sleep(200);
      lock.rollback();
      for (var submission : submitted) {
        ids.add(submission.get());
      }
    }

    var idList = ids.stream().map(UUID::toString).toList();
    var inQuery = "(" + String.join(",", idList.stream().map(id -> "'" + id + "'").toList()) + ")";
    assertThat(
            jdbc.queryForList(
                "SELECT CAST(application_id AS varchar) FROM application_events"
                    + " WHERE from_status IS NULL AND to_status = 'PENDING' AND application_id IN "
                    + inQuery,
                String.class))
        .containsExactlyInAnyOrderElementsOf(idList);
    assertThat(
            jdbc.queryForList(
                "SELECT message_key FROM outbox WHERE topic = ? AND message_key IN " + inQuery,
                String.class,
                Topics.SUBMITTED))
        .containsExactlyInAnyOrderElementsOf(idList);
    // Each of the two writers took what it found first, then everything that waited meanwhile
    // went in one or two more commits.
    assertThat(
            jdbc.queryForObject(
                "SELECT count(DISTINCT CAST(xmin AS text)) FROM application_events"
                    + " WHERE from_status IS NULL AND application_id IN "
                    + inQuery,
                Integer.class))
        .isLessThanOrEqualTo(4);
    for (var id : ids) {
      assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
    }
  }

  @Test
  void submissionTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
    // The correlation id column holds 64 characters; the HTTP filter and the message rules keep
    // longer ones out.
    var valid = application("group-commit-refused");
    var refused =
        new NewApplication(
            valid.id(),
            valid.form(),
            valid.applicant(),
            "r".repeat(65),
            valid.topic(),
            valid.payload(),
            null,
            null,
            valid.keyRetention());
    var accepted = List.of(application("group-commit-1"), application("group-commit-2"));
    var outcomes = new ArrayList<CompletableFuture<Void>>();
    try (var lock = outboxLockedAgainstInserts()) {
      // One submission for each writer, which then waits for the lock: the three after them wait
      // for a writer, and the first one free takes them as one group.
      for (var blocking : List.of("group-commit-a", "group-commit-b")) {
        outcomes.add(store(application(blocking)));
        Thread.sleep(300);
      }
      outcomes.add(store(refused));
      accepted.forEach(application -> outcomes.add(store(application)));
      Thread.sleep(300);
      lock.rollback();
      outcomes.forEach(outcome -> outcome.exceptionally(failure -> null).join());
    }

    assertThat(outcomes.get(2))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .satisfies(
            failure ->
                assertThat(DatabaseFailure.of(failure)).isEqualTo(DatabaseFailure.REFUSED_DATA));
    assertThat(List.of(outcomes.get(0), outcomes.get(1), outcomes.get(3), outcomes.get(4)))
        .allSatisfy(outcome -> assertThat(outcome).isCompleted().isNotCompletedExceptionally());
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM applications WHERE id = ?", Integer.class, refused.id()))
        .isZero();
    for (var application : accepted) {
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM outbox WHERE topic = ? AND message_key = ?",
                  Integer.class,
                  Topics.SUBMITTED,
                  application.id().toString()))
          .isOne();
    }
  }

  private CompletableFuture<Void> store(NewApplication application) {
    return CompletableFuture.runAsync(
        () -> {
          var exchange = new DefaultExchange(camelContext);
          exchange.getMessage().setBody(application);
          try {
            groupCommit.store(exchange);
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        },
        clients);
  }

  private NewApplication application(String correlationId) {
    try {
      return intake.register(ApplicationForms.preApproved(), correlationId, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A transaction holding the outbox locked against inserts until it is rolled back. */
  private OutboxLock outboxLockedAgainstInserts() throws Exception {
    var connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    try (var statement = connection.createStatement()) {
      statement.execute("LOCK TABLE outbox IN SHARE MODE");
    }
    return new OutboxLock(connection);
  }

  private record OutboxLock(Connection connection) implements AutoCloseable {

    void rollback() throws Exception {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    }

    @Override
    public void close() throws Exception {
      rollback();
      connection.close();
    }
  }
}
