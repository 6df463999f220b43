package bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchSettingsTest {

  @Test
  void emptyPropertiesTakeTheDefaults() {
    var properties = new Properties();
    // The bench profile passes every property, empty when the user gave none.
    properties.setProperty("bench.rate", "");
    properties.setProperty("bench.url", "");

    var settings = BenchSettings.from(properties);

    assertThat(settings.local()).isTrue();
    assertThat(settings.instances()).isEqualTo(1);
    assertThat(settings.rates()).containsExactly(500);
    assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.warmupRate()).isEqualTo(500);
    assertThat(settings.search()).isFalse();
    assertThat(settings.searchRates()).isEqualTo(BenchSettings.DEFAULT_SEARCH_RATES);
    assertThat(settings.pgbench()).isTrue();
    assertThat(settings.pgbenchClients()).isEqualTo(4);
    assertThat(settings.serviceJvmOptions())
        .as("the container image's, from the Dockerfile")
        .contains("-XX:+UseParallelGC")
        .anyMatch(option -> option.startsWith("-Xmx"));
  }

  @Test
  void readsRatesDurationsAndJvmOptions() {
    var properties = new Properties();
    properties.setProperty("bench.rate", "500, 1500");
    properties.setProperty("bench.duration", "2m");
    properties.setProperty("bench.warmup", "0");
    properties.setProperty("bench.search", "true");
    properties.setProperty("bench.search-rates", "1000,2000");
    properties.setProperty("bench.step-duration", "PT15S");
    properties.setProperty("bench.service-jvm-options", "-Xmx384m  -XX:+UseSerialGC");

    var settings = BenchSettings.from(properties);

    assertThat(settings.rates()).containsExactly(500, 1500);
    assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.warmup()).isZero();
    assertThat(settings.search()).isTrue();
    assertThat(settings.searchRates()).containsExactly(1000, 2000);
    assertThat(settings.stepDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.serviceJvmOptions()).containsExactly("-Xmx384m", "-XX:+UseSerialGC");
  }

  @Test
  void warmsUpAtTheLowestRateTheRunOffers() {
    var properties = new Properties();
    properties.setProperty("bench.rate", "500,1500");
    properties.setProperty("bench.search-rates", "250,750");
    assertThat(BenchSettings.from(properties).warmupRate()).isEqualTo(500);

    properties.setProperty("bench.search", "true");
    assertThat(BenchSettings.from(properties).warmupRate()).isEqualTo(250);
  }

  @Test
  void parsesDurations() {
    assertThat(BenchSettings.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(BenchSettings.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(BenchSettings.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
    assertThat(BenchSettings.parseDuration("10")).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> BenchSettings.parseDuration("soon"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aGivenDeploymentNeedsItsDatabase() {
    var properties = new Properties();
    properties.setProperty("bench.url", "http://127.0.0.1:8090");

    assertThatThrownBy(() -> BenchSettings.from(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bench.jdbc");
  }

  @ParameterizedTest(name = "bench.instances \"{0}\" starts {1}")
  @CsvSource({"'', 1", "1, 1", "2, 2", "' 3 ', 3"})
  void readsHowManyInstancesTheLocalRunStarts(String instances, int expected) {
    var properties = new Properties();
    properties.setProperty("bench.instances", instances);

    var settings = BenchSettings.from(properties);

    assertThat(settings.instances()).isEqualTo(expected);
    assertThat(settings.describe()).containsEntry("instances", expected);
  }

  @ParameterizedTest(name = "bench.url \"{0}\" with bench.instances {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                    | 0  | bench.instances must be 1 or more: 0",
        "''                    | -1 | bench.instances must be 1 or more: -1",
        "http://127.0.0.1:8090 | 2  | bench.instances=2 needs the local run"
      })
  void refusesInstancesItCannotStart(String url, String instances, String message) {
    var properties = new Properties();
    properties.setProperty("bench.url", url);
    properties.setProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/postgres");
    properties.setProperty("bench.instances", instances);

    assertThatThrownBy(() -> BenchSettings.from(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aGivenDeploymentIsMeasuredAsOneInstance() {
    var properties = new Properties();
    properties.setProperty("bench.url", "http://127.0.0.1:8090");
    properties.setProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/postgres");
    properties.setProperty("bench.instances", "1");

    var settings = BenchSettings.from(properties);

    assertThat(settings.local()).isFalse();
    assertThat(settings.describe()).doesNotContainKey("instances");
  }

  @Test
  void refusesRatesOfZero() {
    var properties = new Properties();
    properties.setProperty("bench.rate", "500,0");

    assertThatThrownBy(() -> BenchSettings.from(properties))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsTheMavenCommandAsTyped() {
    assertThat(
            BenchSettings.mavenCommand(
                "org.codehaus.plexus.classworlds.launcher.Launcher -B -Pbench test-compile exec:exec -Dbench.rate=50"))
        .isEqualTo("./mvnw -B -Pbench test-compile exec:exec -Dbench.rate=50");
    assertThat(BenchSettings.mavenCommand(null)).isEqualTo("java bench.PrequalBenchmark");
    assertThat(List.of(BenchSettings.mavenCommand("")))
        .containsExactly("java bench.PrequalBenchmark");
  }
}
