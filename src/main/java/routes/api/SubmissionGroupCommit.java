package routes.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.sql.SqlConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import resilience.DatabaseFailure;
import store.NewApplication;
import store.NewApplications;

/**
 * Stores submissions without an Idempotency-Key in groups, one statement and one commit per group
 * ({@code insert-applications.sql}): on a durable database a commit waits for its WAL flush, and
 * PostgreSQL plans and runs a statement once however many rows it stores.
 *
 * <p>A request hands its application to the writers and waits for its group's commit, so a 202
 * still means stored. A writer that comes free takes every submission waiting, up to the group's
 * most: under light load a group is one submission and waits for nothing; under heavy load the
 * submissions that arrive during one commit share the next. When the database refuses a group's
 * data, each of its submissions is stored again on its own, so only the refused one fails; any
 * other failure fails the whole group, and each request answers as it would have alone. When the
 * database is unavailable, the submissions that waited meanwhile fail with the group.
 */
@Component
@ConditionalOnRole(Role.API)
class SubmissionGroupCommit implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionGroupCommit.class);
  private static final String STORE_GROUP = "sql:classpath:sql/insert-applications.sql";

  /** A submission and the commit its request waits for. */
  private record Waiting(NewApplication application, CompletableFuture<Void> stored) {}

  /** Runs {@code insert-applications.sql} for a group: what it failed with, or null. */
  interface GroupStatement {
    Exception store(NewApplications group);
  }

  private final GroupStatement statement;
  private final int writers;
  private final int maxSize;
  private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
  private final List<Thread> writerThreads = new ArrayList<>();
  private volatile boolean running;

  @Autowired
  SubmissionGroupCommit(ProducerTemplate statements, PrequalProperties properties) {
    this(
        group ->
            statements
                .send(STORE_GROUP, exchange -> exchange.getMessage().setBody(group))
                .getException(),
        properties.api().groupCommit().writers(),
        properties.api().groupCommit().maxSize());
  }

  SubmissionGroupCommit(GroupStatement statement, int writers, int maxSize) {
    this.statement = statement;
    this.writers = writers;
    this.maxSize = maxSize;
  }

  /**
   * Stores the exchange's application with the next group to commit, and answers as the single
   * statement does: update count 1.
   */
  void store(Exchange exchange) throws Exception {
    if (!running) {
      throw new TransientDataAccessResourceException("Submission not stored: stopping");
    }
    var submission =
        new Waiting(exchange.getMessage().getBody(NewApplication.class), new CompletableFuture<>());
    waiting.add(submission);
    try {
      submission.stored().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception failure ? failure : e;
    }
    exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 1);
  }

  @Override
  public void start() {
    running = true;
    for (int i = 1; i <= writers; i++) {
      var writer = new Thread(this::write, "submission-writer-" + i);
      writer.setDaemon(true);
      writer.start();
      writerThreads.add(writer);
    }
  }

  /**
   * Stops after the web server (a lower phase stops later): requests still in flight are stored
   * first, then the writers end once nothing waits.
   */
  @Override
  public void stop() {
    running = false;
    for (var writer : writerThreads) {
      try {
        writer.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    writerThreads.clear();
    // One that slipped in as the writers ended is answered, not left waiting.
    var unstored = new ArrayList<Waiting>();
    waiting.drainTo(unstored);
    unstored.forEach(
        submission ->
            submission
                .stored()
                .completeExceptionally(
                    new TransientDataAccessResourceException("Submission not stored: stopping")));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 0;
  }

  private void write() {
    var group = new ArrayList<Waiting>(maxSize);
    while (running || !waiting.isEmpty()) {
      try {
        var first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        waiting.drainTo(group, maxSize - 1);
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // A writer that died would leave every later submission waiting.
        LOG.error("Group of {} submissions not stored", group.size(), e);
        group.forEach(submission -> submission.stored().completeExceptionally(e));
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Waiting> group) {
    var failure =
        statement.store(new NewApplications(group.stream().map(Waiting::application).toList()));
    if (failure == null) {
      group.forEach(submission -> submission.stored().complete(null));
      return;
    }
    var kind = DatabaseFailure.of(failure);
    if (group.size() > 1 && kind == DatabaseFailure.REFUSED_DATA) {
      for (var submission : group) {
        commit(List.of(submission));
      }
      return;
    }
    var failed = new ArrayList<>(group);
    if (kind == DatabaseFailure.UNAVAILABLE) {
      // Those that waited through the attempt (up to the pool's connection timeout) are answered
      // now, not after an attempt of their own: a 503 within that timeout, however many wait.
      waiting.drainTo(failed);
    }
    failed.forEach(submission -> submission.stored().completeExceptionally(failure));
  }
}
