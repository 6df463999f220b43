package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
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
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The production profile's refusal to run with the credentials that ship as defaults, the local
 * run's staff users, or no identity provider for the staff endpoints.
 */
class DefaultCredentialsTest {

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
  private static final String OWN_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final PrequalProperties.Privacy OWN_KEYS = privacy("k1=" + OWN_KEY, OWN_KEY);
  private static final PrequalProperties.Console OWN_CONSOLE =
      new PrequalProperties.Console("admin", BCRYPT.encode("s3cret-console"), true);

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

    var problems = DefaultCredentials.stillInUse(databasePassword, console, OWN_KEYS);

    assertThat(problems).isEqualTo(expected == null ? List.of() : List.of(expected.split(";")));
  }

  @ParameterizedTest(name = "keys ''{0}'', look-up key ''{1}'': {2}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "own              | own | ",
        "''               | own | PRIVACY_KEYS is not set",
        "own              | ''  | PRIVACY_LOOKUP_KEY is not set",
        "development      | own | PRIVACY_KEYS holds the development key",
        "own,development | own | PRIVACY_KEYS holds the development key",
        "own              | development | PRIVACY_LOOKUP_KEY is the development key",
      })
  void refusesMissingAndDevelopmentKeys(String keys, String lookupKey, String expected) {
    var privacy =
        privacy(
            keys.replace("own", "k1=" + OWN_KEY)
                .replace("development", "dev=" + DefaultCredentials.DEVELOPMENT_KEY),
            lookupKey
                .replace("own", OWN_KEY)
                .replace("development", DefaultCredentials.DEVELOPMENT_LOOKUP_KEY));

    var problems = DefaultCredentials.stillInUse("s3cret-db", OWN_CONSOLE, privacy);

    assertThat(problems).isEqualTo(expected == null ? List.of() : List.of(expected));
  }

  @Test
  void shippedDefaultsAreTheOnesRefused() throws IOException {
    var configuration = Files.readString(Path.of("src/main/resources/application.yml"));

    assertThat(configuration)
        .contains("${DB_PASSWORD:" + DefaultCredentials.DATABASE_PASSWORD + "}")
        .contains("${HAWTIO_PASSWORD_HASH:" + DefaultCredentials.CONSOLE_PASSWORD_HASH + "}")
        .contains("${PRIVACY_KEYS:dev=" + DefaultCredentials.DEVELOPMENT_KEY + "}")
        .contains("${PRIVACY_LOOKUP_KEY:" + DefaultCredentials.DEVELOPMENT_LOOKUP_KEY + "}")
        .contains("local-users: ${STAFF_LOCAL_USERS:false}");
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
            "Refusing to start with default credentials (PRIVACY_KEYS holds the development key;"
                + " PRIVACY_LOOKUP_KEY is the development key; DB_PASSWORD is the default;"
                + " HAWTIO_PASSWORD_HASH is a hash of the default password; none of"
                + " STAFF_JWT_ISSUER_URI, STAFF_JWT_JWK_SET_URI, STAFF_JWT_PUBLIC_KEY_LOCATION is"
                + " set): set them in the environment");
  }

  @Test
  void guardLetsThroughCredentialsFromTheEnvironment() {
    var environment =
        new MockEnvironment()
            .withProperty("prequal.refuse-default-credentials", "true")
            .withProperty("spring.datasource.password", "s3cret-db")
            .withProperty("prequal.console.username", "ops")
            .withProperty("prequal.console.password-hash", BCRYPT.encode("s3cret-console"))
            .withProperty("prequal.console.authentication-enabled", "true")
            .withProperty("prequal.privacy.keys", "k1=" + OWN_KEY)
            .withProperty("prequal.privacy.lookup-key", OWN_KEY)
            .withProperty(
                "prequal.staff.jwt.issuer-uri", "https://idp.lender.example/realms/staff");

    assertThatNoException().isThrownBy(() -> guard(environment));
  }

  @ParameterizedTest(name = "local users {0}, JWT from ''{1}'', api role {2}: {3}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "false | issuer | true  | ",
        "false | jwks   | true  | ",
        "false | key    | true  | ",
        "false | ''     | true  | none of STAFF_JWT_ISSUER_URI, STAFF_JWT_JWK_SET_URI,"
            + " STAFF_JWT_PUBLIC_KEY_LOCATION is set",
        "false | ''     | false | ",
        "true  | issuer | true  | STAFF_LOCAL_USERS is true",
        "true  | ''     | false | STAFF_LOCAL_USERS is true",
      })
  void staffSignInNeedsTheLendersIdentityProviderAndNoBuiltInUsers(
      boolean localUsers, String source, boolean servesApi, String expected) {
    var jwt =
        new PrequalProperties.StaffJwt(
            source.equals("issuer") ? "https://idp.lender.example/realms/staff" : null,
            source.equals("jwks") ? "https://idp.lender.example/jwks" : null,
            source.equals("key") ? "file:/etc/prequal/staff-jwt.pem" : null,
            List.of(),
            List.of(SignatureAlgorithm.RS256));
    var staff = new PrequalProperties.Staff(jwt, "roles", "preferred_username", localUsers);

    var problems = DefaultCredentials.staffAccessProblems(staff, servesApi);

    assertThat(problems).isEqualTo(expected == null ? List.of() : List.of(expected));
  }

  @Test
  void guardRefusesTheLocalRunsStaffUsers() {
    var environment =
        ownCredentials()
            .withProperty("prequal.staff.jwt.issuer-uri", "https://idp.lender.example/realms/staff")
            .withProperty("prequal.staff.local-users", "true");

    assertThatThrownBy(() -> guard(environment))
        .hasMessage(
            "Refusing to start with default credentials (STAFF_LOCAL_USERS is true): set them in"
                + " the environment");
  }

  @Test
  void guardAsksNoIdentityProviderOfAProcessWithoutTheApi() {
    var environment = ownCredentials().withProperty("prequal.roles", "credit,decision");

    assertThatNoException().isThrownBy(() -> guard(environment));
    assertThatThrownBy(() -> guard(ownCredentials().withProperty("prequal.roles", "api")))
        .hasMessageContaining("none of STAFF_JWT_ISSUER_URI");
  }

  @Test
  void guardRefusesAMissingKey() {
    var environment =
        new MockEnvironment()
            .withProperty("prequal.refuse-default-credentials", "true")
            .withProperty("spring.datasource.password", "s3cret-db")
            .withProperty("prequal.console.username", "ops")
            .withProperty("prequal.console.password-hash", BCRYPT.encode("s3cret-console"))
            .withProperty("prequal.console.authentication-enabled", "true");

    assertThatThrownBy(() -> guard(environment))
        .hasMessageContaining("PRIVACY_KEYS is not set; PRIVACY_LOOKUP_KEY is not set");
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

  private static MockEnvironment ownCredentials() {
    return new MockEnvironment()
        .withProperty("prequal.refuse-default-credentials", "true")
        .withProperty("spring.datasource.password", "s3cret-db")
        .withProperty("prequal.console.username", "ops")
        .withProperty("prequal.console.password-hash", BCRYPT.encode("s3cret-console"))
        .withProperty("prequal.console.authentication-enabled", "true")
        .withProperty("prequal.privacy.keys", "k1=" + OWN_KEY)
        .withProperty("prequal.privacy.lookup-key", OWN_KEY);
  }

  private static PrequalProperties.Privacy privacy(String keys, String lookupKey) {
    return new PrequalProperties.Privacy(
        keys, null, lookupKey, Duration.ofDays(180), Duration.ofHours(1), 500);
  }

  private static void guard(MockEnvironment environment) {
    var context = new GenericApplicationContext();
    context.setEnvironment(environment);
    new DefaultCredentialsGuard()
        .onApplicationEvent(
            new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
  }
}
