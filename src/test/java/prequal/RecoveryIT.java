package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.ApplicationRow;
import fixtures.OutboxRow;
import fixtures.RedrivableDeadLetter;
import fixtures.SubmittedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The operator's and the service's own ways back from a message or an application gone astray. */
class RecoveryIT extends EndToEndTest {

  @Autowired MeterRegistry meterRegistry;

  @Test
  void applicationStuckInPendingIsPublishedAgainAndDecided() {
    var id =
        ApplicationRow.pending(UUID.randomUUID())
            .pan("ABCDE1234F")
            .name("Rajesh Kumar")
            .income("250000.00")
            .loan("500000.00")
            .loanType("PERSONAL")
            .age(Duration.ofHours(1))
            .insert(jdbc);
    // Its event was published an hour ago and then lost somewhere downstream.
    OutboxRow.submitted(id, SubmittedMessage.of(id).correlationId("stuck-1"))
        .age(Duration.ofHours(1))
        .publishedAgo(Duration.ofHours(1))
        .insert(jdbc);
    var before = meterRegistry.counter("prequal.applications.redriven").count();

    assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
    assertThat(meterRegistry.counter("prequal.applications.redriven").count())
        .isGreaterThan(before);
    assertThat(decisionEvents(id)).isEqualTo(1);
  }

  @Test
  void oldestPendingAgeIsMeasured() {
    var id = ApplicationRow.pending(UUID.randomUUID()).age(Duration.ofDays(2)).insert(jdbc);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  meterRegistry.get("prequal.applications.pending.oldest.age").gauge().value()
                      >= 2 * 86400);
    } finally {
      jdbc.update("DELETE FROM applications WHERE id = ?", id);
    }
  }

  @Test
  void redriveRequiresTheOperatorToken() {
    var anonymous = api().post("/admin/dead-letters/redrive", null, null);
    var wrong =
        api()
            .post(
                "/admin/dead-letters/redrive", null, null, Map.of("Authorization", "Bearer guess"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void deadLetterIsSentBackOnceTheCauseIsFixed() throws Exception {
    var id = RedrivableDeadLetter.create(jdbc, "redrive-1");

    var response =
        api()
            .post(
                "/admin/dead-letters/redrive",
                null,
                null,
                Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(readTree(response.body()).get("moved").asInt()).isPositive();
    assertThat(awaitDecision(id)).isEqualTo("PRE_APPROVED");
    assertThat(decisionEvents(id)).isEqualTo(1);
  }
}
