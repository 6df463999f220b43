package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import fixtures.SubmittedMessage;
import fixtures.Topics;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Drives every path that handles a PAN — accepted, refused, scored, decided, dead-lettered — and
 * reads everything the service printed meanwhile: no PAN may appear in full, and the ones the
 * service handled do not appear at all (the messages carry them sealed or not at all).
 */
@ExtendWith(OutputCaptureExtension.class)
class PanMaskingIT extends EndToEndTest {

  private static final Pattern FULL_PAN =
      Pattern.compile("(?i)(?<![a-z0-9])[a-z]{5}[0-9]{4}[a-z](?![a-z0-9])");

  /** The credit route logs each report at DEBUG; this test reads those lines too. */
  private final Logger creditScoringLog = (Logger) LoggerFactory.getLogger("credit-scoring");

  @BeforeEach
  void logCreditReports() {
    creditScoringLog.setLevel(Level.DEBUG);
  }

  @AfterEach
  void restoreLogLevel() {
    creditScoringLog.setLevel(null);
  }

  @Test
  void noLineTheServicePrintsContainsAFullPan(CapturedOutput output) throws Exception {
    awaitDecision(
        submit(application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "PERSONAL")));
    awaitDecision(submit(application("FGHIJ5678K", "Priya Sharma", "75000", "500000", "HOME")));
    awaitDecision(submit(application("PQRST6789U", "Asha Verma", "10000", "480000", "AUTO")));
    api()
        .post(
            "/applications",
            "application/json",
            application("abcde1234f", "Lower Case", "1", "1", "HOME"));
    api()
        .post(
            "/applications",
            "application/json",
            "{\"pan_number\":\"VWXYZ4321A\",\"loan_type\":\"CAR\"");

    var deadLettered =
        new NotifyBuilder(camelContext).fromRoute("credit-scoring").whenDone(1).create();
    try (var producer = KafkaTestClients.producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.SUBMITTED,
                  "poison",
                  SubmittedMessage.withApplicationId("not-a-uuid")
                      .pan("LMNOP2468Q")
                      .loanType("CAR")
                      .toJson()))
          .get();
    }
    assertThat(deadLettered.matches(20, TimeUnit.SECONDS)).isTrue();

    // A PAN that does reach a log line, from a library say, is masked on its way out.
    creditScoringLog.info("A library printed PAN KLMNO1357Q");

    var printed = output.getAll();
    assertThat(printed).contains("A library printed PAN KLMNO***7Q");
    // The messages no longer carry the PAN at all: the scored reports name none, not even masked.
    assertThat(printed).contains("Scored CreditReport[applicationId=");
    assertThat(printed).doesNotContain("ABCDE***4F", "FGHIJ***8K", "PQRST***9U");
    assertThat(FULL_PAN.matcher(printed).results().map(match -> match.group()).toList()).isEmpty();
  }
}
