package routes.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import credit.CreditScoring;
import fixtures.DevelopmentKeys;
import fixtures.LendingPolicies;
import fixtures.MessageReader;
import fixtures.ServiceJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import messages.ApplicationSubmitted;
import messages.CibilScore;
import messages.CreditReport;
import messages.InvalidMessageException;
import privacy.SealedField;
import privacy.SealedValueException;

/**
 * credit-service's consumer as {@link CreditScoringRoute} runs it on any record value: read the
 * submission, score it, publish the report. Only what the consumer error handling dead-letters may
 * escape the read (unreadable JSON, a message breaking the message rules, a sealed PAN that does
 * not open); anything else would be retried for ever and stall the partition. A message that reads
 * must score, and its report must read back in decision-service. Seeds and regression inputs:
 * src/test/resources/routes/credit/SubmittedMessageFuzzTestInputs/.
 */
class SubmittedMessageFuzzTest {

  private static final MessageReader<ApplicationSubmitted> CREDIT_SERVICE =
      MessageReader.of(ApplicationSubmitted.class);
  private static final MessageReader<CreditReport> DECISION_SERVICE =
      MessageReader.of(CreditReport.class);
  private static final CreditScoring SCORING =
      LendingPolicies.creditScoring(
          Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "5s")
  void submittedMessage(byte[] recordValue) throws Exception {
    ApplicationSubmitted submitted;
    try {
      submitted = CREDIT_SERVICE.read(recordValue);
    } catch (JsonProcessingException | InvalidMessageException deadLettered) {
      return;
    }
    assertThat(submitted.toString()).doesNotContain(submitted.panNumberSealed());
    String panNumber;
    try {
      panNumber =
          DevelopmentKeys.CIPHER.open(
              SealedField.panNumber(submitted.applicationId()), submitted.panNumberSealed());
    } catch (SealedValueException deadLettered) {
      return;
    }
    var report = SCORING.assess(submitted, panNumber);
    assertThat(ServiceJson.objectMapper().writeValueAsString(report)).doesNotContain(panNumber);
    assertThat(CibilScore.isInRange(report.cibilScore())).isTrue();
    var published = ServiceJson.objectMapper().writeValueAsBytes(report);
    assertThat(DECISION_SERVICE.read(published)).isEqualTo(report);
  }
}
