package prequal;

import java.util.ArrayList;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * With {@code prequal.refuse-default-credentials} (the production profile sets it), start-up stops
 * before any bean exists — before a connection is opened or a consumer joins — when a default
 * credential is still in use, or the staff endpoints would take the local run's built-in users or
 * no identity provider's tokens, and the message says which to set.
 */
public class DefaultCredentialsGuard implements ApplicationListener<ApplicationPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    var environment = event.getApplicationContext().getEnvironment();
    if (!environment.getProperty("prequal.refuse-default-credentials", Boolean.class, false)) {
      return;
    }
    var console =
        Binder.get(environment).bindOrCreate("prequal.console", PrequalProperties.Console.class);
    var privacy =
        Binder.get(environment).bindOrCreate("prequal.privacy", PrequalProperties.Privacy.class);
    var staff =
        Binder.get(environment).bindOrCreate("prequal.staff", PrequalProperties.Staff.class);
    var problems =
        new ArrayList<>(
            DefaultCredentials.stillInUse(
                environment.getProperty("spring.datasource.password"), console, privacy));
    problems.addAll(
        DefaultCredentials.staffAccessProblems(
            staff, ActiveRoles.from(environment).contains(Role.API)));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start with default credentials ("
              + String.join("; ", problems)
              + "): set them in the environment");
    }
  }
}
