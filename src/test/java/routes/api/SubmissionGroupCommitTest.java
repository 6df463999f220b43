package routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fixtures.ApplicationForms;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import store.NewApplication;
import store.SealedApplicant;

/**
 * How the writers group submissions and answer each request, with the statement replaced by one
 * that records the groups it is given and holds the first one until the test lets it go: the
 * submissions made meanwhile share the next group; a refused one fails alone; an unavailable
 * database fails the group and everyone who waited.
 */
class SubmissionGroupCommitTest {

  private final DefaultCamelContext camel = new DefaultCamelContext();
  private final CountDownLatch firstGroupHeld = new CountDownLatch(1);
  private final List<List<UUID>> groups = new CopyOnWriteArrayList<>();

  /** Each request's answer: the update count it was given, or what it failed with. */
  private final List<Object> answers = new CopyOnWriteArrayList<>();

  private SubmissionGroupCommit groupCommit;

  @AfterEach
  void stop() {
    firstGroupHeld.countDown();
    if (groupCommit != null) {
      groupCommit.stop();
    }
  }

  @Test
  void submissionsMadeDuringACommitShareTheNextOne() throws Exception {
    start(group -> null);
    var first = submit();
    awaitGroups(1);
    var meanwhile = List.of(submit(), submit(), submit(), submit());

    firstGroupHeld.countDown();
    awaitAnswers(5);

    assertThat(groups).containsExactly(List.of(first), meanwhile);
    assertThat(answers).allMatch(SubmissionGroupCommitTest::stored);
  }

  @Test
  void submissionTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
    var refused = new ArrayList<UUID>();
    start(
        group ->
            group.applications().stream().map(NewApplication::id).anyMatch(refused::contains)
                ? new DataIntegrityViolationException(
                    "refused", new SQLException("value too long", "22001"))
                : null);
    submit();
    awaitGroups(1);
    var good = submit();
    refused.add(submit());
    var alsoGood = submit();

    firstGroupHeld.countDown();
    awaitAnswers(4);

    assertThat(groups.subList(1, groups.size()))
        .containsExactly(
            List.of(good, refused.get(0), alsoGood),
            List.of(good),
            List.of(refused.get(0)),
            List.of(alsoGood));
    assertThat(answers).filteredOn(SubmissionGroupCommitTest::stored).hasSize(3);
    assertThat(answers)
        .filteredOn(Predicate.not(SubmissionGroupCommitTest::stored))
        .singleElement()
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void databaseUnavailableFailsTheGroupAndEverySubmissionThatWaitedThroughIt() throws Exception {
    var unavailable =
        new TransientDataAccessResourceException(
            "no connection", new SQLTransientConnectionException("pool exhausted"));
    start(group -> unavailable);
    submit();
    awaitGroups(1);
    submit();
    submit();

    firstGroupHeld.countDown();
    awaitAnswers(3);

    assertThat(groups).hasSize(1);
    assertThat(answers).containsOnly(unavailable);
  }

  @Test
  void submissionAfterTheWritersStoppedIsRefusedAsTransient() {
    start(group -> null);
    groupCommit.stop();

    var exchange = new DefaultExchange(camel);
    exchange.getMessage().setBody(application());

    assertThatThrownBy(() -> groupCommit.store(exchange))
        .isInstanceOf(TransientDataAccessResourceException.class);
  }

  private void start(SubmissionGroupCommit.GroupStatement outcome) {
    groupCommit =
        new SubmissionGroupCommit(
            group -> {
              groups.add(group.applications().stream().map(NewApplication::id).toList());
              if (groups.size() == 1) {
                try {
                  firstGroupHeld.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return outcome.store(group);
            },
            1,
            100);
    groupCommit.start();
  }

  /**
   * A request submitting an application on a thread of its own; its answer is recorded. Returns
   * once the request waits for its commit, so the submissions queue in the order they are made.
   */
  private UUID submit() {
    var application = application();
    var request =
        new Thread(
            () -> {
              var exchange = new DefaultExchange(camel);
              exchange.getMessage().setBody(application);
              try {
                groupCommit.store(exchange);
                answers.add(exchange.getMessage().getHeader(SqlConstants.SQL_UPDATE_COUNT));
              } catch (Exception e) {
                answers.add(e);
              }
            });
    request.start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> request.getState() == Thread.State.WAITING || !request.isAlive());
    return application.id();
  }

  private void awaitGroups(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == count);
  }

  private void awaitAnswers(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == count);
  }

  /** Answered as the single statement answers: update count 1. */
  private static boolean stored(Object answer) {
    return Integer.valueOf(1).equals(answer);
  }

  private static NewApplication application() {
    return new NewApplication(
        UUID.randomUUID(),
        ApplicationForms.preApproved(),
        new SealedApplicant("dev:c2VhbGVk", "dev:bmFtZQ==", "0".repeat(64)),
        "group-commit-test",
        "loan_applications_submitted",
        "{}",
        null,
        null,
        Duration.ofHours(24));
  }
}
