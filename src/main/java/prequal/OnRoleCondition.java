package prequal;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    var attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
    var role = (Role) attributes.get("value");
    return ActiveRoles.from(context.getEnvironment()).contains(role);
  }
}
