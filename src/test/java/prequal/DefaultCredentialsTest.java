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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The production profile's refusal to run with the credentials that ship as defaults. */
class DefaultCredentialsTest {

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

  @ParameterizedTest(name = "DB password ''{0}'', console password ''{1}'', auth {2}: {3}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "s3cret-db | s3cret-console   | true  | ",
        "prequal   | s3cret-console   | true  | DB_PASSWORD is the default",
        "''        | s3cret-console   | true  | DB_PASSWORD is empty",
        "s3cret-db | prequal-console  | true  | HAWTIO_PASSWORD_HASH is a hash of the default"
            + " password",
        "s3cret-db | s3cret-console   | false | HAWTIO_AUTHENTICATION_ENABLED is false",
        "prequal   | prequal-console  | false | DB_PASSWORD is the default;HAWTIO_PASSWORD_HASH is a"
            + " hash of the default password;HAWTIO_AUTHENTICATION_ENABLED is false",
      })
  void namesEveryDefaultStillInUse(
      String databasePassword, String consolePassword, boolean authentication, String expected) {
    // A fresh hash each time: the default password is refused under any salt.
    var console =
        new PrequalProperties.Console("admin", BCRYPT.encode(consolePassword), authentication);

    var problems = DefaultCredentials.stillInUse(databasePassword, console);

    assertThat(problems).isEqualTo(expected == null ? List.of() : List.of(expected.split(";")));
  }

  @Test
  void shippedDefaultsAreTheOnesRefused() throws IOException {
    var configuration = Files.readString(Path.of("src/main/resources/application.yml"));

    assertThat(configuration)
        .contains("${DB_PASSWORD:" + DefaultCredentials.DATABASE_PASSWORD + "}")
        .contains("${HAWTIO_PASSWORD_HASH:" + DefaultCredentials.CONSOLE_PASSWORD_HASH + "}");
    assertThat(
            BCRYPT.matches(
                DefaultCredentials.CONSOLE_PASSWORD, DefaultCredentials.CONSOLE_PASSWORD_HASH))
        .isTrue();
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
                    "--prequal.console.password-hash=" + DefaultCredentials.CONSOLE_PASSWORD_HASH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Refusing to start with default credentials (DB_PASSWORD is the default;"
                + " HAWTIO_PASSWORD_HASH is a hash of the default password): set them in the"
                + " environment");
  }

  @Test
  void guardLetsThroughCredentialsFromTheEnvironment() {
    var environment =
        new MockEnvironment()
            .withProperty("prequal.refuse-default-credentials", "true")
            .withProperty("spring.datasource.password", "s3cret-db")
            .withProperty("prequal.console.username", "ops")
            .withProperty("prequal.console.password-hash", BCRYPT.encode("s3cret-console"))
            .withProperty("prequal.console.authentication-enabled", "true");

    assertThatNoException().isThrownBy(() -> guard(environment));
  }

  @Test
  void guardStaysOutOfTheWayUnlessAskedTo() {
    var environment =
        new MockEnvironment()
            .withProperty("spring.datasource.password", DefaultCredentials.DATABASE_PASSWORD)
            .withProperty("prequal.console.username", "admin")
            .withProperty("prequal.console.password-hash", DefaultCredentials.CONSOLE_PASSWORD_HASH)
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
