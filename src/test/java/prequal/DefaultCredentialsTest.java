package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** The production profile's refusal to run with the credentials that ship as defaults. */
class DefaultCredentialsTest {

  @ParameterizedTest(name = "DB password ''{0}'', console password ''{1}'', auth {2}: {3}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "s3cret-db | s3cret-console   | true  | ",
        "prequal   | s3cret-console   | true  | DB_PASSWORD is the default",
        "''        | s3cret-console   | true  | DB_PASSWORD is empty",
        "s3cret-db | prequal-console  | true  | HAWTIO_PASSWORD is the default",
        "s3cret-db | s3cret-console   | false | HAWTIO_AUTHENTICATION_ENABLED is false",
        "prequal   | prequal-console  | false | DB_PASSWORD is the default;HAWTIO_PASSWORD is the"
            + " default;HAWTIO_AUTHENTICATION_ENABLED is false",
      })
  void namesEveryDefaultStillInUse(
      String databasePassword, String consolePassword, boolean authentication, String expected) {
    var console = new PrequalProperties.Console("admin", consolePassword, authentication);

    var problems = DefaultCredentials.stillInUse(databasePassword, console);

    assertThat(problems).isEqualTo(expected == null ? List.of() : List.of(expected.split(";")));
  }

  @Test
  void shippedDefaultsAreTheOnesRefused() throws IOException {
    var configuration = Files.readString(Path.of("src/main/resources/application.yml"));

    assertThat(configuration)
        .contains("${DB_PASSWORD:" + DefaultCredentials.DATABASE_PASSWORD + "}")
        .contains("${HAWTIO_PASSWORD:" + DefaultCredentials.CONSOLE_PASSWORD + "}");
  }

  @Test
  void productionProfileRefusesToStartWithTheShippedDefaults() {
    var application =
        new SpringApplicationBuilder(PrequalApplication.class)
            .profiles("production")
            .web(WebApplicationType.NONE);

    // Arguments rather than the real environment, which may hold a developer's own passwords.
    assertThatThrownBy(
            () ->
                application.run(
                    "--spring.datasource.password=" + DefaultCredentials.DATABASE_PASSWORD,
                    "--prequal.console.password=" + DefaultCredentials.CONSOLE_PASSWORD))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Refusing to start with default credentials (DB_PASSWORD is the default;"
                + " HAWTIO_PASSWORD is the default): set them in the environment");
  }

  @Test
  void guardLetsThroughCredentialsFromTheEnvironment() {
    var environment =
        new MockEnvironment()
            .withProperty("prequal.refuse-default-credentials", "true")
            .withProperty("spring.datasource.password", "s3cret-db")
            .withProperty("prequal.console.username", "ops")
            .withProperty("prequal.console.password", "s3cret-console")
            .withProperty("prequal.console.authentication-enabled", "true");

    assertThatNoException().isThrownBy(() -> guard(environment));
  }

  @Test
  void guardStaysOutOfTheWayUnlessAskedTo() {
    var environment =
        new MockEnvironment()
            .withProperty("spring.datasource.password", DefaultCredentials.DATABASE_PASSWORD)
            .withProperty("prequal.console.username", "admin")
            .withProperty("prequal.console.password", DefaultCredentials.CONSOLE_PASSWORD)
            .withProperty("prequal.console.authentication-enabled", "true");

    assertThatNoException().isThrownBy(() -> guard(environment));
  }

  private static void guard(MockEnvironment environment) {
    var context = new GenericApplicationContext();
    context.setEnvironment(environment);
    new DefaultCredentialsGuard()
        .onApplicationEvent(
            new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
  }
}
