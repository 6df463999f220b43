package broker;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How every Kafka client of the service reaches the broker: the routes' consumers and producers
 * ({@link SecuredKafkaClientFactory}), the admin client for topics, health and lag ({@link
 * KafkaTopics}), and the dead-letter re-drive. Operators give a user name and password; the JAAS
 * line Kafka wants is built here. With the defaults (PLAINTEXT, nothing else set) {@link
 * #clientProperties()} is empty and every client keeps Kafka's own defaults.
 */
@ConfigurationProperties("prequal.kafka.security")
@Validated
public record KafkaSecurity(
    @NotNull SecurityProtocol protocol,
    SaslMechanism saslMechanism,
    String saslUsername,
    String saslPassword,
    String sslTruststoreLocation,
    String sslTruststorePassword,
    String sslTruststoreType) {

  /** The mechanisms a user name and password are enough for. */
  public enum SaslMechanism {
    PLAIN("PLAIN", PlainLoginModule.class),
    SCRAM_SHA_256("SCRAM-SHA-256", ScramLoginModule.class),
    SCRAM_SHA_512("SCRAM-SHA-512", ScramLoginModule.class);

    private final String kafkaName;
    private final Class<?> loginModule;

    SaslMechanism(String kafkaName, Class<?> loginModule) {
      this.kafkaName = kafkaName;
      this.loginModule = loginModule;
    }

    /** The name Kafka's {@code sasl.mechanism} takes, e.g. {@code SCRAM-SHA-512}. */
    public String kafkaName() {
      return kafkaName;
    }
  }

  /** The settings every client adds to its own; none at all for PLAINTEXT. */
  public Map<String, Object> clientProperties() {
    var properties = new LinkedHashMap<String, Object>();
    if (protocol == SecurityProtocol.PLAINTEXT) {
      return properties;
    }
    properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
    if (usesSasl()) {
      properties.put(SaslConfigs.SASL_MECHANISM, saslMechanism.kafkaName());
      properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
    }
    putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, sslTruststoreLocation);
    putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, sslTruststorePassword);
    putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, sslTruststoreType);
    return properties;
  }

  /** The same properties added to a client's own, which they override. */
  public Map<String, Object> appliedTo(Map<String, Object> clientConfig) {
    var config = new LinkedHashMap<>(clientConfig);
    config.putAll(clientProperties());
    return config;
  }

  @AssertTrue(
      message =
          "KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must all be set with"
              + " SASL_PLAINTEXT or SASL_SSL, and none of them otherwise")
  public boolean isSaslConsistent() {
    boolean allSet = saslMechanism != null && isSet(saslUsername) && isSet(saslPassword);
    boolean noneSet = saslMechanism == null && !isSet(saslUsername) && !isSet(saslPassword);
    return usesSasl() ? allSet : noneSet;
  }

  @AssertTrue(
      message =
          "KAFKA_SSL_TRUSTSTORE_LOCATION, _PASSWORD and _TYPE need KAFKA_SECURITY_PROTOCOL SSL or"
              + " SASL_SSL")
  public boolean isTruststoreConsistent() {
    return usesSsl()
        || !(isSet(sslTruststoreLocation)
            || isSet(sslTruststorePassword)
            || isSet(sslTruststoreType));
  }

  /** Leaves the password out, so the settings can be logged. */
  @Override
  public String toString() {
    return "KafkaSecurity[protocol="
        + protocol
        + ", saslMechanism="
        + saslMechanism
        + ", saslUsername="
        + saslUsername
        + ", sslTruststoreLocation="
        + sslTruststoreLocation
        + ", sslTruststoreType="
        + sslTruststoreType
        + "]";
  }

  private boolean usesSasl() {
    return protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
  }

  private boolean usesSsl() {
    return protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
  }

  /**
   * {@code <login module> required username="..." password="...";} with both values quoted, so a
   * password may hold any character but a line break; Kafka's JAAS parser reads {@code \"} and
   * {@code \\} inside quotes as the characters themselves.
   */
  private String jaasConfig() {
    return saslMechanism.loginModule.getName()
        + " required username="
        + quoted(saslUsername)
        + " password="
        + quoted(saslPassword)
        + ";";
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void putIfSet(Map<String, Object> properties, String key, String value) {
    if (isSet(value)) {
      properties.put(key, value);
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
