package credit;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.CreditReportMessage;
import fixtures.LendingPolicies;
import fixtures.SubmittedMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import messages.LoanType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditScoringTest {

  private static final UUID NO_VARIATION = UUID.fromString("00000000-0000-0000-0000-000000000005");
  private static final Instant SCORED_AT = Instant.parse("2025-01-15T10:30:00Z");

  private final CreditScoring scoring =
      LendingPolicies.creditScoring(Clock.fixed(SCORED_AT, ZoneOffset.UTC));

  @ParameterizedTest(name = "demo PAN {0} with income {1}, {2} loan and id {3} always scores {4}")
  @CsvSource({
    "ABCDE1234F,  10000.00, PERSONAL, 00000000-0000-0000-0000-000000000000, 790",
    "ABCDE1234F, 500000.00, HOME,     00000000-0000-0000-0000-00000000000a, 790",
    "ABCDE1234F,  50000.00, AUTO,     6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b, 790",
    "FGHIJ5678K,  10000.00, PERSONAL, 00000000-0000-0000-0000-000000000000, 610",
    "FGHIJ5678K, 500000.00, HOME,     00000000-0000-0000-0000-00000000000a, 610",
    "FGHIJ5678K,  50000.00, AUTO,     6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b, 610",
  })
  void demoPansHaveFixedScores(
      String pan, BigDecimal income, LoanType type, UUID id, int expected) {
    assertThat(scoring.score(id, pan, income, type)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "income {0} adds {1}")
  @CsvSource({
    "      0.01, -20",
    "  29999.99, -20",
    "  30000.00,   0",
    "  30000,      0",
    "  30000.01,   0",
    "  50000.00,   0",
    "  74999.99,   0",
    "  75000.00,   0",
    "  75000,      0",
    "  75000.01,  40",
    "9999999999.99, 40",
  })
  void incomeBands(BigDecimal income, int adjustment) {
    assertThat(scoring.incomeAdjustment(income)).isEqualTo(adjustment);
  }

  @ParameterizedTest(name = "a {0} loan adds {1}")
  @CsvSource({"PERSONAL, -10", "HOME, 10", "AUTO, 0"})
  void loanTypeAdjustments(LoanType type, int adjustment) {
    assertThat(scoring.loanTypeAdjustment(type)).isEqualTo(adjustment);
  }

  @ParameterizedTest(name = "income {0} with a {1} loan scores {2} before variation")
  @CsvSource({
    " 29999.99, PERSONAL, 620",
    " 29999.99, AUTO,     630",
    " 29999.99, HOME,     640",
    " 30000.00, PERSONAL, 640",
    " 50000.00, AUTO,     650",
    " 75000.00, HOME,     660",
    " 75000.01, PERSONAL, 680",
    " 75000.01, AUTO,     690",
    "100000.00, HOME,     700",
  })
  void combinesBaseIncomeAndLoanType(BigDecimal income, LoanType type, int expected) {
    assertThat(scoring.score(NO_VARIATION, "KLMNO1234P", income, type)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "id {0} (hashCode {1}) varies the score by {2}")
  @CsvSource({
    "00000000-0000-0000-0000-000000000000,  0, -5",
    "00000000-0000-0000-0000-000000000001,  1, -4",
    "00000000-0000-0000-0000-000000000005,  5,  0",
    "00000000-0000-0000-0000-00000000000a, 10,  5",
    "00000000-0000-0000-0000-00000000000b, 11, -5",
    "00000000-0000-0000-0000-0000ffffffff, -1,  5",
    "00000000-0000-0000-0000-0000fffffffa, -6,  0",
    "00000000-0000-0000-0000-0000fffffff5, -11, -5",
  })
  void variationIsDerivedFromTheId(UUID id, int hashCode, int variation) {
    assertThat(id.hashCode()).isEqualTo(hashCode);
    assertThat(scoring.variation(id)).isEqualTo(variation);
    assertThat(scoring.score(id, "KLMNO1234P", new BigDecimal("50000.00"), LoanType.AUTO))
        .isEqualTo(650 + variation);
  }

  @Test
  void theSameIdAlwaysGetsTheSameScore() {
    var id = UUID.fromString("6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b");
    var income = new BigDecimal("82000.00");

    Set<Integer> scores =
        IntStream.range(0, 100)
            .mapToObj(i -> scoring.score(id, "KLMNO1234P", income, LoanType.HOME))
            .collect(Collectors.toSet());

    assertThat(scores).containsExactly(700 + scoring.variation(id));
  }

  @Test
  void variationCoversMinusFiveToPlusFiveAndNothingElse() {
    var random = new Random(20250115L);
    var income = new BigDecimal("50000.00");

    Set<Integer> scores =
        IntStream.range(0, 10_000)
            .mapToObj(i -> new UUID(random.nextLong(), random.nextLong()))
            .map(id -> scoring.score(id, "KLMNO1234P", income, LoanType.AUTO))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(scores).containsExactly(645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655);
  }

  @ParameterizedTest(name = "a raw score of {0} is clamped to {1}")
  @CsvSource({
    "-100, 300",
    " 299, 300",
    " 300, 300",
    " 301, 301",
    " 650, 650",
    " 899, 899",
    " 900, 900",
    " 901, 900",
    "5000, 900",
  })
  void clampsToTheCibilRange(int raw, int clamped) {
    assertThat(CreditScoring.clamp(raw)).isEqualTo(clamped);
  }

  @Test
  void assessCopiesTheSubmissionAndStampsTheScoringTime() {
    var submitted =
        SubmittedMessage.of(NO_VARIATION)
            .income("82000.00")
            .loan("480000.00")
            .loanType("HOME")
            .timestamp("2025-01-15T10:29:59Z")
            .correlationId("corr-42")
            .toRecord();

    var report = scoring.assess(submitted, "KLMNO1234P");

    assertThat(report)
        .isEqualTo(
            CreditReportMessage.of(NO_VARIATION)
                .score(700)
                .income("82000.00")
                .loan("480000.00")
                .loanType("HOME")
                .timestamp(SCORED_AT.toString())
                .correlationId("corr-42")
                .toRecord());
  }

  @Test
  void assessUsesTheFixedScoreOfADemoPan() {
    var submitted =
        SubmittedMessage.of(NO_VARIATION).income("200000.00").loan("100000.00").toRecord();

    assertThat(scoring.assess(submitted, "FGHIJ5678K").cibilScore()).isEqualTo(610);
  }
}
