package health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthStatusTest {

  @ParameterizedTest(name = "database up={0}, kafka up={1} → {2} (database {3}, kafka {4})")
  @CsvSource(
      nullValues = "unused",
      value = {
        "true,   true,   healthy,   connected,    connected",
        "true,   false,  unhealthy, connected,    disconnected",
        "false,  true,   unhealthy, disconnected, connected",
        "false,  false,  unhealthy, disconnected, disconnected",
        "true,   unused, healthy,   connected,    unused",
        "false,  unused, unhealthy, disconnected, unused",
        "unused, true,   healthy,   unused,       connected",
        "unused, false,  unhealthy, unused,       disconnected",
        "unused, unused, healthy,   unused,       unused",
      })
  void reportsEachPartTheRolesUse(
      Boolean databaseUp, Boolean kafkaUp, String status, String database, String kafka) {
    var health = HealthStatus.of(databaseUp, kafkaUp);

    assertThat(health).isEqualTo(new HealthStatus(status, database, kafka));
    assertThat(health.healthy()).isEqualTo(status.equals("healthy"));
  }
}
