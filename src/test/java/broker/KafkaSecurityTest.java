package broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The settings as the environment gives them (application.yml turns an unset variable into an empty
 * string), the client properties they become, and the combinations refused at start-up.
 */
class KafkaSecurityTest {

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void theDefaultsAddNothingToAnyClient() {
    var security = bind(Map.of());

    assertThat(security.clientProperties()).isEmpty();
    assertThat(security.appliedTo(Map.of("bootstrap.servers", "kafka:9092")))
        .containsExactly(Map.entry("bootstrap.servers", "kafka:9092"));
    assertThat(violations(security)).isEmpty();
  }

  @Test
  void scramOverPlaintextBecomesTheMechanismAndAJaasLineForTheUser() {
    var security =
        bind(
            Map.of(
                "protocol", "SASL_PLAINTEXT",
                "sasl-mechanism", "SCRAM-SHA-512",
                "sasl-username", "credit-service",
                "sasl-password", "s3cret"));

    var properties = security.clientProperties();

    assertThat(violations(security)).isEmpty();
    assertThat(properties)
        .containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    var login = parsedJaas(properties);
    assertThat(login.getLoginModuleName()).isEqualTo(ScramLoginModule.class.getName());
    assertThat(options(login))
        .containsOnly(Map.entry("username", "credit-service"), Map.entry("password", "s3cret"));
  }

  @Test
  void saslOverTlsAddsTheTruststore() {
    var security =
        bind(
            Map.of(
                "protocol", "SASL_SSL",
                "sasl-mechanism", "PLAIN",
                "sasl-username", "prequal-api",
                "sasl-password", "s3cret",
                "ssl-truststore-location", "/etc/prequal/kafka-ca.p12",
                "ssl-truststore-password", "changeit",
                "ssl-truststore-type", "PKCS12"));

    var properties = security.clientProperties();

    assertThat(violations(security)).isEmpty();
    assertThat(properties)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("ssl.truststore.location", "/etc/prequal/kafka-ca.p12")
        .containsEntry("ssl.truststore.password", "changeit")
        .containsEntry("ssl.truststore.type", "PKCS12");
    assertThat(parsedJaas(properties).getLoginModuleName())
        .isEqualTo(PlainLoginModule.class.getName());
  }

  @Test
  void tlsWithoutSaslTrustsTheJvmsCasWhenNoTruststoreIsGiven() {
    var security = bind(Map.of("protocol", "SSL"));

    assertThat(violations(security)).isEmpty();
    assertThat(security.clientProperties()).containsExactly(Map.entry("security.protocol", "SSL"));
  }

  @ParameterizedTest(name = "the password {0} reaches the broker unchanged")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain-hex-0123456789abcdef
          with "double quotes"
          back\\slash and trailing\\
          semicolon; equals= braces{} and spaces
          \\"escaped quote already
          """)
  void anyPasswordSurvivesTheJaasLine(String password) {
    var security =
        bind(
            Map.of(
                "protocol", "SASL_PLAINTEXT",
                "sasl-mechanism", "SCRAM-SHA-256",
                "sasl-username", "user \"quoted\"",
                "sasl-password", password));

    assertThat(options(parsedJaas(security.clientProperties())))
        .containsEntry("password", password)
        .containsEntry("username", "user \"quoted\"");
  }

  @ParameterizedTest(
      name = "{0} with mechanism [{1}], user [{2}], password [{3}], truststore [{4}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          PLAINTEXT      | -             | -      | -      | -          | true
          PLAINTEXT      | SCRAM-SHA-512 | -      | -      | -          | false
          PLAINTEXT      | -             | prequal| -      | -          | false
          PLAINTEXT      | -             | -      | secret | -          | false
          PLAINTEXT      | -             | -      | -      | /ca.p12    | false
          SSL            | -             | prequal| secret | -          | false
          SSL            | -             | -      | -      | /ca.p12    | true
          SASL_PLAINTEXT | SCRAM-SHA-512 | prequal| secret | -          | true
          SASL_PLAINTEXT | -             | prequal| secret | -          | false
          SASL_PLAINTEXT | SCRAM-SHA-512 | -      | secret | -          | false
          SASL_PLAINTEXT | SCRAM-SHA-512 | prequal| -      | -          | false
          SASL_PLAINTEXT | SCRAM-SHA-512 | prequal| secret | /ca.p12    | false
          SASL_SSL       | SCRAM-SHA-512 | prequal| secret | /ca.p12    | true
          SASL_SSL       | PLAIN         | prequal| -      | /ca.p12    | false
          """)
  void incompleteOrMisplacedSettingsAreRefused(
      String protocol,
      String mechanism,
      String username,
      String password,
      String truststore,
      boolean valid) {
    var settings = new HashMap<String, String>();
    settings.put("protocol", protocol);
    putIfPresent(settings, "sasl-mechanism", mechanism);
    putIfPresent(settings, "sasl-username", username);
    putIfPresent(settings, "sasl-password", password);
    putIfPresent(settings, "ssl-truststore-location", truststore);

    assertThat(violations(bind(settings)).isEmpty()).isEqualTo(valid);
  }

  @Test
  void aRefusalNamesTheVariablesToSet() {
    var security = bind(Map.of("protocol", "SASL_SSL", "sasl-mechanism", "SCRAM-SHA-512"));

    assertThat(violations(security))
        .contains("KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD");
  }

  @Test
  void theSettingsPrintWithoutTheirPasswords() {
    var security =
        bind(
            Map.of(
                "protocol", "SASL_SSL",
                "sasl-mechanism", "SCRAM-SHA-512",
                "sasl-username", "prequal-api",
                "sasl-password", "do-not-log-me",
                "ssl-truststore-location", "/ca.p12",
                "ssl-truststore-password", "nor-me"));

    assertThat(security.toString())
        .contains("prequal-api", "SASL_SSL", "/ca.p12")
        .doesNotContain("do-not-log-me", "nor-me");
  }

  /** Binds as application.yml does: every key present, empty when its variable is unset. */
  private static KafkaSecurity bind(Map<String, String> settings) {
    var source = new HashMap<String, String>();
    for (var key :
        new String[] {
          "sasl-mechanism",
          "sasl-username",
          "sasl-password",
          "ssl-truststore-location",
          "ssl-truststore-password",
          "ssl-truststore-type"
        }) {
      source.put("prequal.kafka.security." + key, "");
    }
    source.put("prequal.kafka.security.protocol", "PLAINTEXT");
    settings.forEach((key, value) -> source.put("prequal.kafka.security." + key, value));
    return new Binder(new MapConfigurationPropertySource(source))
        .bind("prequal.kafka.security", KafkaSecurity.class)
        .get();
  }

  private static String violations(KafkaSecurity security) {
    return VALIDATOR.validate(security).stream()
        .map(ConstraintViolation::getMessage)
        .collect(Collectors.joining("; "));
  }

  /** The login as Kafka's client reads it from the JAAS line. */
  private static AppConfigurationEntry parsedJaas(Map<String, Object> properties) {
    var context =
        JaasContext.loadClientContext(
            Map.of("sasl.jaas.config", new Password((String) properties.get("sasl.jaas.config"))));
    assertThat(context.configurationEntries()).hasSize(1);
    return context.configurationEntries().get(0);
  }

  private static Map<String, Object> options(AppConfigurationEntry login) {
    return new HashMap<>(login.getOptions());
  }

  private static void putIfPresent(Map<String, String> settings, String key, String value) {
    if (value != null) {
      settings.put(key, value);
    }
  }
}
