package prequal;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the actuator health report only what this process's roles use: the database for the api and
 * decision roles (the credit role does not query it after the migrations, so it has no db indicator
 * at all), and Camel's routes and consumers for every role. Readiness is {@code readinessState},
 * {@code camelReadinessState} and, where used, {@code db}. Added with the lowest precedence, so
 * explicit configuration still wins.
 */
public class RoleHealthDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "prequalRoleHealthDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    var roles = ActiveRoles.from(environment);
    boolean usesDatabase = roles.contains(Role.API) || roles.contains(Role.DECISION);
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
