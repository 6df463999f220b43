package prequal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import credit.ScoringRules;
import decision.DecisionRules;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The lending policy file: its name, the decision's rules and the CIBIL simulation's. Its version
 * is the name and the first 12 hex digits of the SHA-256 of the file's bytes, so two deployments
 * that decide alike say so, and a changed file can never pass for the old one.
 */
public record LendingPolicy(
    String name, String version, DecisionRules decision, ScoringRules creditSimulation) {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private record PolicyFile(String name, DecisionRules decision, ScoringRules creditSimulation) {}

  /** Reads and validates a policy file; anything missing, unknown or out of bounds is refused. */
  public static LendingPolicy read(byte[] content) {
    PolicyFile file;
    try {
      file = YAML.readValue(content, PolicyFile.class);
    } catch (JsonMappingException e) {
      var cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
      throw new IllegalArgumentException("Invalid lending policy: " + message(cause), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Unreadable lending policy: " + e.getMessage(), e);
    }
    if (file == null || file.name() == null || !file.name().matches("[a-z0-9][a-z0-9.-]{0,39}")) {
      throw new IllegalArgumentException(
          "Invalid lending policy: name must be 1 to 40 lower-case letters, digits, '.' or '-'");
    }
    return new LendingPolicy(
        file.name(), file.name() + "@" + digest(content), file.decision(), file.creditSimulation());
  }

  /** Where in the file, as its own keys say it ({@code decision.minimum-cibil-score}), and what. */
  private static String message(Throwable cause) {
    if (!(cause instanceof JsonMappingException mapping)) {
      return cause.getMessage();
    }
    var where =
        mapping.getPath().stream()
            .map(
                step ->
                    step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
            .collect(Collectors.joining("."));
    return where + ": " + mapping.getOriginalMessage();
  }

  private static String digest(byte[] content) {
    try {
      var sha256 = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(sha256, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
