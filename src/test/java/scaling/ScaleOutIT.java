package scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.Topics;
import harness.ApplicationStream;
import harness.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prequal.KafkaTestClients;

/**
 * Several instances per role, from the packaged jar, against one broker and one database: two api,
 * two credit and two decision processes share topics of six partitions. Applications stream into
 * both api instances; mid-stream one instance of each role is killed with SIGKILL, and the stream
 * that went to the dead api instance moves to the other one. Afterwards every accepted application
 * is decided exactly once, none has two events of a kind on {@code loan_decisions}, and nothing is
 * dead-lettered.
 */
class ScaleOutIT {

  private static final int PARTITIONS = 6;
  private static final int PER_STREAM = Integer.getInteger("scale.applications-per-stream", 300);
  private static final int RATE = Integer.getInteger("scale.rate-per-stream", 30);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(90);

  /** Six JVMs and a broker on two cores: small heaps, one collector thread, the C1 compiler. */
  private static final List<String> SMALL_JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void twoInstancesPerRoleLoseOneEachMidStreamAndDecideEverythingOnce() throws Exception {
    try (var deployment = new Deployment(dir)) {
      deployment
          .jvmOptions(SMALL_JVM)
          // five JVMs starting side by side on two cores each take longer than one alone
          .startTimeout(Duration.ofMinutes(4))
          .with("TOPIC_SUBMITTED_PARTITIONS", Integer.toString(PARTITIONS))
          .with("TOPIC_CREDIT_REPORTS_PARTITIONS", Integer.toString(PARTITIONS))
          .with("TOPIC_DECISIONS_PARTITIONS", Integer.toString(PARTITIONS))
          // a killed consumer's partitions move to the survivor within seconds, not 45 s
          .with("CAMEL_COMPONENT_KAFKA_SESSIONTIMEOUTMS", "6000")
          .with("CAMEL_COMPONENT_KAFKA_HEARTBEATINTERVALMS", "1000");
      // The first instance provisions the topics; the other five start side by side.
      var apiA = deployment.start("api-a", "api", false);
      var others =
          List.of(
                  List.of("api-b", "api"),
                  List.of("credit-a", "credit"),
                  List.of("credit-b", "credit"),
                  List.of("decision-a", "decision"),
                  List.of("decision-b", "decision"))
              .stream()
              .map(
                  spec ->
                      CompletableFuture.supplyAsync(
                          () -> deployment.start(spec.get(0), spec.get(1), false)))
              .toList();
      var started = others.stream().map(CompletableFuture::join).toList();
      var apiB = started.get(0);
      var creditA = started.get(1);
      var decisionA = started.get(3);

      var streamATarget = new AtomicReference<>(apiA.baseUrl());
      var fault = new CountDownLatch(1);
      var streamA = submitInBackground(new ApplicationStream(streamATarget::get, 1L), fault);
      var streamB =
          submitInBackground(new ApplicationStream(apiB::baseUrl, 2L), new CountDownLatch(1));

      fault.await();
      // The stream moves first, so only the request in flight, if any, meets the dead instance.
      streamATarget.set(apiB.baseUrl());
      for (var victim : List.of(apiA, creditA, decisionA)) {
        victim.kill();
      }
      for (var victim : List.of(apiA, creditA, decisionA)) {
        assertThat(victim.awaitExit(Duration.ofSeconds(10))).as("killed").isPresent();
      }
      var a = streamA.join();
      var b = streamB.join();

      var accepted = new ArrayList<UUID>();
      accepted.addAll(a.accepted());
      accepted.addAll(b.accepted());
      assertThat(b.accepted()).as("accepted by the api instance that lived").hasSize(PER_STREAM);
      assertThat(a.refused() + a.failed())
          .as(
              "refused by the killed api instance: %s %s",
              a.refusedByStatus(), a.failedByException())
          .isLessThanOrEqualTo(1);
      var drain = deployment.awaitAllDecided(accepted, System.nanoTime(), DRAIN_LIMIT);
      deployment.assertEveryApplicationDecidedExactlyOnce(accepted);
      assertThat(deployment.deadLetters()).as("dead-lettered").isZero();
      var stored = deployment.database.queryForList("SELECT id FROM applications", UUID.class);
      // The decision events leave through the outbox; the killed relay's claims expire first.
      await("every outbox row published")
          .atMost(DRAIN_LIMIT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  deployment.database.queryForObject(
                          "SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class)
                      == 0);
      var events = eventsByApplicationAndType(deployment);
      assertThat(events.values().stream().filter(count -> count > 1).count())
          .as("application events published more than once: %s", repeated(events))
          .isZero();
      assertThat(events.keySet().stream().map(Event::applicationId).distinct().count())
          .as("applications with a decision event")
          .isEqualTo(stored.size());
      System.out.printf(
          "SCALE-OUT %d accepted (%d stored), all decided %.1f s after the last submission%n",
          accepted.size(), stored.size(), drain.toMillis() / 1000.0);
    }
  }

  private static CompletableFuture<ApplicationStream.Result> submitInBackground(
      ApplicationStream stream, CountDownLatch fault) {
    return CompletableFuture.supplyAsync(
        () ->
            stream.submit(
                PER_STREAM,
                RATE,
                i -> {
                  if (i == PER_STREAM / 3) {
                    fault.countDown();
                  }
                }));
  }

  /** One kind of event about one application on {@code loan_decisions}. */
  private record Event(String applicationId, String type) {}

  /** How many records {@code loan_decisions} holds per application and event type. */
  private static Map<Event, Long> eventsByApplicationAndType(Deployment deployment) {
    var records =
        KafkaTestClients.allRecords(
            deployment.kafka.bootstrapServers(), Topics.DECISIONS, Duration.ofSeconds(30));
    return records.stream()
        .collect(
            Collectors.groupingBy(
                record -> new Event(record.key(), eventType(record)), Collectors.counting()));
  }

  private static String eventType(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value()).path("event_type").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<Event, Long> repeated(Map<Event, Long> events) {
    return events.entrySet().stream()
        .filter(entry -> entry.getValue() > 1)
        .limit(10)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
