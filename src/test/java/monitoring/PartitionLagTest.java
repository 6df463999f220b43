package monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionLagTest {

  @ParameterizedTest(name = "committed {0}, retained {1}..{2}: lag {3}")
  @CsvSource(
      nullValues = "none",
      value = {
        "100,  0,   100, 0",
        "90,   0,   100, 10",
        "none, 0,   100, 100",
        "none, 40,  100, 60",
        "10,   40,  100, 60",
        "none, 0,   0,   0",
        "120,  0,   100, 0",
      })
  void lagCountsTheRecordsAfterTheCommittedOffset(
      Long committed, long earliest, long latest, long lag) {
    var measured =
        PartitionLag.of("credit-service-group", Topics.SUBMITTED, 2, committed, earliest, latest);

    assertThat(measured.lag()).isEqualTo(lag);
    assertThat(measured.partition()).isEqualTo(2);
  }

  @ParameterizedTest(name = "lag {0} against threshold {1}: warn {2}")
  @CsvSource({"1000, 1000, false", "1001, 1000, true", "0, 0, false", "1, 0, true"})
  void warnsOnlyAboveTheThreshold(long lag, long threshold, boolean warns) {
    assertThat(new PartitionLag("g", "t", 0, lag).exceeds(threshold)).isEqualTo(warns);
  }

  @Test
  void readsAsGroupTopicPartitionAndLag() {
    assertThat(new PartitionLag("decision-service-group", Topics.CREDIT_REPORTS, 1, 7))
        .hasToString("decision-service-group " + Topics.CREDIT_REPORTS + "-1: 7");
  }
}
