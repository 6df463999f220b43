package web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpServerMetricsTest {

  @ParameterizedTest(name = "{0} is tagged {1}")
  @CsvSource({
    "/applications/{*matchOnUriPrefix}, /applications",
    "/applications/{application_id}/status/{*matchOnUriPrefix},"
        + " /applications/{application_id}/status",
    "/actuator/prometheus, /actuator/prometheus",
    "UNKNOWN, UNKNOWN",
  })
  void operationsAreTaggedWithTheirOpenApiPath(String pattern, String tag) {
    assertThat(HttpServerMetrics.withoutPrefixMatch(KeyValue.of("uri", pattern)))
        .isEqualTo(KeyValue.of("uri", tag));
  }
}
