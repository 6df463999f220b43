package harness;

import static org.assertj.core.api.Assertions.assertThat;

import application.ApplicationForm;
import application.ApplicationStatus;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.LendingPolicies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import messages.LoanType;
import org.junit.jupiter.api.Test;

/** The stream's applications are valid by the service's own rules and reach every outcome. */
class ApplicationStreamTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void everyApplicationIsValidAndTheMixCoversEveryPanKindLoanTypeAndDecision() throws Exception {
    var stream = new ApplicationStream("http://127.0.0.1:1");
    var scoring = LendingPolicies.creditScoring(Clock.systemUTC());
    var policy = LendingPolicies.decisionPolicy();
    var pans = new HashSet<String>();
    var types = EnumSet.noneOf(LoanType.class);
    var outcomes = EnumSet.noneOf(ApplicationStatus.class);

    for (int i = 0; i < 300; i++) {
      var body =
          JSON.readValue(
              stream.nextApplication().toJson(), new TypeReference<Map<String, Object>>() {});
      var form = ApplicationForm.parse(body);

      assertThat(form.monthlyIncomeInr().scale()).isLessThanOrEqualTo(2);
      assertThat(form.loanAmountInr().scale()).isLessThanOrEqualTo(2);
      pans.add(form.panNumber().value());
      types.add(form.loanType());
      int score =
          scoring.score(
              UUID.randomUUID(),
              form.panNumber().value(),
              form.monthlyIncomeInr(),
              form.loanType());
      outcomes.add(policy.decide(score, form.monthlyIncomeInr(), form.loanAmountInr()).outcome());
    }

    assertThat(pans)
        .contains(ApplicationStream.PRE_APPROVED_PAN, ApplicationStream.REJECTED_PAN)
        .hasSizeGreaterThan(100);
    assertThat(types).containsExactlyInAnyOrder(LoanType.values());
    assertThat(outcomes)
        .contains(
            ApplicationStatus.PRE_APPROVED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.MANUAL_REVIEW);
  }

  @Test
  void theSameSeedGivesTheSameApplications() {
    assertThat(applications(new ApplicationStream("http://a", 11), 20))
        .isEqualTo(applications(new ApplicationStream("http://b", 11), 20))
        .isNotEqualTo(applications(new ApplicationStream("http://a", 12), 20));
  }

  @Test
  void unreachableServiceIsCountedByExceptionAndAfterEachSeesEveryAttempt() {
    var seen = new ArrayList<Integer>();

    var result =
        new ApplicationStream("http://127.0.0.1:" + Ports.free()).submit(3, 100, seen::add);

    assertThat(seen).containsExactly(0, 1, 2);
    assertThat(result.accepted()).isEmpty();
    assertThat(result.failedByException()).containsEntry("java.net.ConnectException", 3);
    assertThat(result.attempts()).isEqualTo(3);
  }

  private static List<ApplicationStream.Application> applications(
      ApplicationStream stream, int count) {
    var applications = new ArrayList<ApplicationStream.Application>();
    for (int i = 0; i < count; i++) {
      applications.add(stream.nextApplication());
    }
    return applications;
  }
}
