package prequal;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the actuator health report only what this process's roles use: the database where a role
 * {@linkplain Role#usesDatabase() uses it} (a credit-only process has no db indicator at all), and
 * Camel's routes and consumers for every role. Readiness is {@code readinessState}, {@code
 * camelReadinessState} and, where used, {@code db}. Added with the lowest precedence, so explicit
 * configuration still wins.
 */
public class RoleHealthDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "prequalRoleHealthDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    var roles = ActiveRoles.from(environment);
    boolean usesDatabase = Role.anyUsesDatabase(roles);
    var readiness = "readinessState,camelReadinessState" + (usesDatabase ? ",db" : "");
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                SOURCE,
                Map.of(
                    "management.health.db.enabled", usesDatabase,
                    "management.endpoint.health.group.readiness.include", readiness)));
  }
}
