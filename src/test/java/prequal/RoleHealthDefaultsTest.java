package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RoleHealthDefaultsTest {

  @ParameterizedTest(name = "roles {0}: readiness {1}, db indicator {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "api,credit,decision | readinessState,camelReadinessState,db | true",
        "api                 | readinessState,camelReadinessState,db | true",
        "decision            | readinessState,camelReadinessState,db | true",
        "credit              | readinessState,camelReadinessState    | false",
      })
  void readinessListsOnlyWhatTheRolesUse(String roles, String readiness, boolean database) {
    var environment = new MockEnvironment().withProperty("prequal.roles", roles);

    new RoleHealthDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
        .isEqualTo(readiness);
    assertThat(environment.getProperty("management.health.db.enabled", Boolean.class))
        .isEqualTo(database);
  }

  @Test
  void explicitConfigurationWins() {
    var environment =
        new MockEnvironment()
            .withProperty("prequal.roles", "credit")
            .withProperty("management.endpoint.health.group.readiness.include", "readinessState");

    new RoleHealthDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
        .isEqualTo("readinessState");
  }
}
