package routes;

import deadletter.DeadLetterRedrive;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import web.OperatorAccess;

/** {@code POST /admin/dead-letters/redrive}: an operator sends the dead letters back. */
@Component
@ConditionalOnRole(Role.API)
public class DeadLetterRedriveRoute extends RouteBuilder {

  private final OperatorAccess operatorAccess;
  private final DeadLetterRedrive deadLetterRedrive;

  DeadLetterRedriveRoute(OperatorAccess operatorAccess, DeadLetterRedrive deadLetterRedrive) {
    this.operatorAccess = operatorAccess;
    this.deadLetterRedrive = deadLetterRedrive;
  }

  @Override
  public void configure() {
    from("direct:redriveDeadLetters")
        .routeId("dead-letter-redrive")
        .routeConfigurationId(RestErrorHandling.ID)
        .bean(operatorAccess, "require(${header.Authorization})")
        .bean(deadLetterRedrive, "redrive")
        .marshal()
        .json();
  }
}
