package prequal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads {@code prequal.roles} before the properties beans exist, because bean conditions need it.
 */
public final class ActiveRoles {

  public static final String PROPERTY = "prequal.roles";

  private ActiveRoles() {}

  public static Set<Role> from(Environment environment) {
    var roles =
        Binder.get(environment)
            .bind(PROPERTY, Bindable.listOf(Role.class))
            .orElse(List.of(Role.values()));
    return roles.isEmpty() ? EnumSet.allOf(Role.class) : EnumSet.copyOf(roles);
  }
}
