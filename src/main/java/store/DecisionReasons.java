package store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import decision.Reason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The reasons of a decision as the {@code decision_reasons} column holds them: a JSON array of
 * {@code {code, factor, observed, threshold, message, message_hindi}}, so the record of a decision
 * keeps the sentences the applicant was shown even after the catalogue's wording changes.
 */
public final class DecisionReasons {

  private static final ObjectMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {};

  private DecisionReasons() {}

  public static String toJson(List<Reason> reasons) {
    try {
      return JSON.writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Reasons are plain values and always serialise", e);
    }
  }

  /**
   * The reasons' codes as the statements take them for a {@code text[]} column: comma-separated,
   * for {@code string_to_array}; codes are [A-Z_]+, so the list is unambiguous.
   */
  static String codes(List<Reason> reasons) {
    return reasons.stream().map(reason -> reason.code().name()).collect(Collectors.joining(","));
  }

  public static List<Reason> fromJson(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, REASONS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable decision_reasons column: " + e.getMessage(), e);
    }
  }
}
