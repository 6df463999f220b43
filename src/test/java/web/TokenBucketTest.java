package web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenBucketTest {

  /** Two per second after a burst of three; times in nanoseconds. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the burst is served at once                   | 0 0 0                         | 0 0 0",
        "one past the burst waits a whole interval     | 0 0 0 0                       | 0 0 0 500000000",
        "a refused request takes no token              | 0 0 0 0 0                     | 0 0 0 500000000 500000000",
        "half an interval later, the other half        | 0 0 0 250000000               | 0 0 0 250000000",
        "a whole interval later, served                | 0 0 0 500000000               | 0 0 0 0",
        "one nanosecond short of it, waits one         | 0 0 0 499999999               | 0 0 0 1",
        "a long pause refills no more than the burst   | 0 0 0 90000000000 90000000000 90000000000 90000000000 | 0 0 0 0 0 0 500000000",
      })
  void servesTheBurstThenTheRate(String description, String arrivals, String waits) {
    var bucket = new TokenBucket(2, 3, 0);

    var actual = Arrays.stream(arrivals.split(" ")).mapToLong(Long::parseLong).map(bucket::take);

    assertThat(actual.toArray())
        .containsExactly(Arrays.stream(waits.split(" ")).mapToLong(Long::parseLong).toArray());
  }

  @ParameterizedTest(name = "{0} per second: the request after the burst waits {1} ns")
  @CsvSource({"1, 1000000000", "4, 250000000", "0.5, 2000000000", "1000, 1000000"})
  void waitsOneIntervalOfTheRate(double perSecond, long wait) {
    var bucket = new TokenBucket(perSecond, 1, 0);
    bucket.take(0);

    assertThat(bucket.take(0)).isEqualTo(wait);
    assertThat(bucket.take(wait)).isZero();
  }
}
