package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fixtures.LendingPolicies;
import java.nio.charset.StandardCharsets;
import messages.LoanType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LendingPolicyTest {

  private static final String VALID =
      """
      name: test-policy
      decision:
        minimum-cibil-score: 700
        instalment-proxy-months: 60
      credit-simulation:
        base-score: 640
        high-income-above-inr: 80000
        high-income-adjustment: 30
        low-income-below-inr: 25000
        low-income-adjustment: -15
        loan-type-adjustments: {PERSONAL: -5, HOME: 15, AUTO: 5}
        max-variation: 3
        demonstration-scores: {ABCDE1234F: 800}
      """;

  @Test
  void readsEveryRuleAndVersionsTheContent() {
    var policy = read(VALID);

    assertThat(policy.name()).isEqualTo("test-policy");
    assertThat(policy.version()).matches("test-policy@[0-9a-f]{12}");
    assertThat(policy.decision().minimumCibilScore()).isEqualTo(700);
    assertThat(policy.decision().instalmentProxyMonths()).isEqualTo(60);
    assertThat(policy.creditSimulation().baseScore()).isEqualTo(640);
    assertThat(policy.creditSimulation().highIncomeAboveInr()).isEqualByComparingTo("80000");
    assertThat(policy.creditSimulation().lowIncomeAdjustment()).isEqualTo(-15);
    assertThat(policy.creditSimulation().loanTypeAdjustments())
        .containsEntry(LoanType.HOME, 15)
        .hasSize(3);
    assertThat(policy.creditSimulation().demonstrationScores()).containsEntry("ABCDE1234F", 800);
  }

  @Test
  void anyChangeToTheFileIsANewVersion() {
    var policy = read(VALID);

    assertThat(read(VALID).version()).isEqualTo(policy.version());
    assertThat(read(VALID + "# reviewed\n").version())
        .startsWith("test-policy@")
        .isNotEqualTo(policy.version());
    assertThat(read(VALID.replace("700", "710")).version()).isNotEqualTo(policy.version());
  }

  @Test
  void theShippedPolicyKeepsTheDocumentedThresholds() {
    var policy = LendingPolicies.STANDARD;

    assertThat(policy.version()).matches("standard-2026-12@[0-9a-f]{12}");
    assertThat(policy.decision().minimumCibilScore()).isEqualTo(650);
    assertThat(policy.decision().instalmentProxyMonths()).isEqualTo(48);
    assertThat(policy.creditSimulation().demonstrationScores())
        .containsEntry("ABCDE1234F", 790)
        .containsEntry("FGHIJ5678K", 610);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a missing rule | '  instalment-proxy-months: 60\n' | '' | decision.instalment-proxy-months:"
            + " Missing creator property",
        "an unknown rule | 'max-variation: 3' | 'max-variation: 3\n  maximum-score: 900' |"
            + " Unrecognized field \"maximum-score\"",
        "a rule out of bounds | 'minimum-cibil-score: 700' | 'minimum-cibil-score: 200' |"
            + " decision.minimum-cibil-score must be within 300..900, was 200",
        "a loan type missing | 'AUTO: 5}' | '}' | credit-simulation.loan-type-adjustments must"
            + " give every loan type",
        "a bad name | 'name: test-policy' | 'name: Test Policy' | name must be 1 to 40 lower-case",
        "broken YAML | '{ABCDE1234F: 800}' | '{ABCDE1234F: 800' |"
            + " credit-simulation.demonstration-scores: while parsing a flow mapping",
      })
  void refusesAnInvalidFileSayingWhatIsWrong(
      String description, String replaced, String replacement, String message) {
    var content = VALID.replace(replaced.replace("\\n", "\n"), replacement.replace("\\n", "\n"));

    assertThatThrownBy(() -> read(content))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static LendingPolicy read(String content) {
    return LendingPolicy.read(content.getBytes(StandardCharsets.UTF_8));
  }
}
