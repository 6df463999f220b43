package prequal;

import java.util.Arrays;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    var attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
    var wanted = (Role[]) attributes.get("value");
    var active = ActiveRoles.from(context.getEnvironment());
    return Arrays.stream(wanted).anyMatch(active::contains);
  }
}
