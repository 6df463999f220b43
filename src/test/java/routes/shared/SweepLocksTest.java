package routes.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.ApplicationRow;
import fixtures.OutboxRow;
import fixtures.OwnDatabase;
import fixtures.SubmittedMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import prequal.EmbeddedInfrastructure;
import prequal.PrequalApplication;
import store.SweepLock;

/**
 * The sweeps against the embedded PostgreSQL while another instance holds their lock: a transaction
 * of the test's own takes it as a second api instance's sweep would, the sweep runs its rounds and
 * leaves the work alone, and once that transaction ends the next round does it.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prequal.roles=api",
      "management.server.port=0",
      "prequal.stale.pending-age=1s",
      "prequal.stale.check-interval-ms=200",
      "prequal.review.escalation-interval=1s"
    })
@Import(OwnDatabase.class)
class SweepLocksTest {

  private static final int ROUNDS = 3;
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);

  @Autowired CamelContext camelContext;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.register(registry);
  }

  @Test
  void staleApplicationsAreNotRedrivenWhileAnotherInstanceHoldsTheLock() throws Exception {
    var id = UUID.randomUUID();

    try (var otherInstance = holding(SweepLock.STALE_APPLICATIONS)) {
      ApplicationRow.pending(id).insert(jdbc);
      OutboxRow.submitted(id, SubmittedMessage.of(id))
          .age(Duration.ofMinutes(10))
          .publishedAgo(Duration.ofMinutes(10))
          .insert(jdbc);
      awaitRounds("stale-applications");

      assertThat(outboxRows(id)).as("outbox rows while the lock is held elsewhere").isEqualTo(1);
      otherInstance.rollback();
    }

    // published again; a later round may publish it again, as the relay marked it published
    await().atMost(ROUND_LIMIT).until(() -> outboxRows(id) >= 2);
  }

  @Test
  void overdueReviewsAreNotEscalatedWhileAnotherInstanceHoldsTheLock() throws Exception {
    var id = UUID.randomUUID();
    var reviewId = UUID.randomUUID();

    try (var otherInstance = holding(SweepLock.REVIEW_ESCALATION)) {
      ApplicationRow.pending(id).decided("MANUAL_REVIEW", 700).insert(jdbc);
      jdbc.update(
          "UPDATE applications SET decision_reasons = '[]', policy_version = 'test',"
              + " decided_by = 'system', decided_at = now() WHERE id = ?",
          id);
      jdbc.update(
          "INSERT INTO review_tasks (id, application_id, due_at)"
              + " VALUES (?, ?, now() - interval '1 minute')",
          reviewId,
          id);
      awaitRounds("review-escalation");

      assertThat(escalated(reviewId)).as("escalated while the lock is held elsewhere").isFalse();
      otherInstance.rollback();
    }

    await().atMost(ROUND_LIMIT).until(() -> escalated(reviewId));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM application_events"
                    + " WHERE application_id = ? AND action = 'REVIEW_ESCALATED'",
                Integer.class,
                id))
        .isEqualTo(1);
  }

  /** A connection whose open transaction holds the lock, as another instance's sweep would. */
  private Connection holding(SweepLock lock) throws SQLException {
    var connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    try (var statement = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      statement.setLong(1, (Long) lock.toParameters().get("lock_key"));
      try (var result = statement.executeQuery()) {
        assertThat(result.next() && result.getBoolean(1)).as("the test holds " + lock).isTrue();
      }
    }
    return connection;
  }

  /** Waits until the route has completed a few rounds from now. */
  private void awaitRounds(String routeId) {
    var rounds = new NotifyBuilder(camelContext).fromRoute(routeId).whenCompleted(ROUNDS).create();
    assertThat(rounds.matches(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS))
        .as(routeId + " rounds")
        .isTrue();
  }

  private int outboxRows(UUID id) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM outbox WHERE message_key = ?", Integer.class, id.toString());
  }

  private boolean escalated(UUID reviewId) {
    return jdbc.queryForObject(
        "SELECT escalated_at IS NOT NULL FROM review_tasks WHERE id = ?", Boolean.class, reviewId);
  }
}
