package health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code /health} body. A part the running roles do not use is left out rather than reported as
 * connected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthStatus(String status, String database, String kafka) {

  static final String CONNECTED = "connected";
  static final String DISCONNECTED = "disconnected";

  static HealthStatus of(Boolean databaseUp, Boolean kafkaUp) {
    boolean healthy = !Boolean.FALSE.equals(databaseUp) && !Boolean.FALSE.equals(kafkaUp);
    return new HealthStatus(healthy ? "healthy" : "unhealthy", label(databaseUp), label(kafkaUp));
  }

  @JsonIgnore
  public boolean healthy() {
    return "healthy".equals(status);
  }

  private static String label(Boolean up) {
    if (up == null) {
      return null;
    }
    return up ? CONNECTED : DISCONNECTED;
  }
}
