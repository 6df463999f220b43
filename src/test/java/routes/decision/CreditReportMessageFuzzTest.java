package routes.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import fixtures.MessageReader;
import messages.CibilScore;
import messages.CorrelationId;
import messages.CreditReport;
import messages.InvalidMessageException;

/**
 * decision-service's consumer as {@link DecisionRoute} reads any record value. Only what the
 * consumer error handling dead-letters may escape (unreadable JSON, a report breaking the message
 * rules); anything else would be retried for ever and stall the partition. A report that reads
 * carries only what the decision statements can store: a score in range, an application id and a
 * correlation id the audit trail's column holds. Seeds and regression inputs:
 * src/test/resources/routes/decision/CreditReportMessageFuzzTestInputs/.
 */
class CreditReportMessageFuzzTest {

  private static final MessageReader<CreditReport> DECISION_SERVICE =
      MessageReader.of(CreditReport.class);

  @FuzzTest(maxDuration = "5s")
  void creditReport(byte[] recordValue) throws Exception {
    CreditReport report;
    try {
      report = DECISION_SERVICE.read(recordValue);
    } catch (JsonProcessingException | InvalidMessageException deadLettered) {
      return;
    }
    assertThat(report.applicationId()).isNotNull();
    assertThat(CibilScore.isInRange(report.cibilScore())).isTrue();
    assertThat(report.correlationId() == null || CorrelationId.isValid(report.correlationId()))
        .isTrue();
  }
}
