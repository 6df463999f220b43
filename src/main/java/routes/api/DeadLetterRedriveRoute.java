package routes.api;

import broker.DeadLetterRedrive;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import routes.shared.RestErrorHandling;
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
    // @formatter:off
    from("direct:redriveDeadLetters")
        .routeId("dead-letter-redrive")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(this::requireOperator)
        .process(this::redrive)
        .marshal().json();
    // @formatter:on
  }

  private void requireOperator(Exchange exchange) {
    operatorAccess.require(exchange.getMessage().getHeader("Authorization", String.class));
  }

  private void redrive(Exchange exchange) throws Exception {
    exchange.getMessage().setBody(deadLetterRedrive.redrive());
  }
}
