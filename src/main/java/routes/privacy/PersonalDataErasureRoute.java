package routes.privacy;

import application.ApplicationIds;
import application.ApplicationStatus;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.RestErrorHandling;
import store.PersonalDataErasure;
import web.ConflictException;
import web.CorrelationIds;
import web.OperatorAccess;
import web.PersonalDataErasureView;
import web.ResourceNotFoundException;

/**
 * {@code DELETE /applications/{application_id}}: an operator erases one applicant's personal data.
 * Answers with what is left (the status, and when the data went), the same however often it is
 * asked; 404 for an unknown application, 409 while it is still PENDING.
 */
@Component
@ConditionalOnRole(Role.API)
public class PersonalDataErasureRoute extends RouteBuilder {

  private static final String LEFT = "personalDataLeft";

  private final OperatorAccess operatorAccess;

  private final String submittedTopic;

  PersonalDataErasureRoute(OperatorAccess operatorAccess, PrequalProperties properties) {
    this.operatorAccess = operatorAccess;
    this.submittedTopic = properties.topics().submitted().name();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("direct:erasePersonalData")
        .routeId("personal-data-erasure")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(this::requireOperator)
        .process(this::erasure)
        .to("sql:classpath:sql/erase-personal-data.sql").id("erase-personal-data")
        .to("sql:classpath:sql/select-personal-data-erasure.sql?outputType=SelectOne"
            + "&outputClass=" + PersonalDataErasureView.class.getName() + "&outputHeader=" + LEFT)
        .process(PersonalDataErasureRoute::answer)
        .log("Personal data of application ${body.applicationId} erased at ${body.personalDataErasedAt}")
        .marshal().json();
    // @formatter:on
  }

  private void requireOperator(Exchange exchange) {
    operatorAccess.require(exchange.getMessage().getHeader("Authorization", String.class));
  }

  private void erasure(Exchange exchange) {
    var message = exchange.getMessage();
    message.setBody(
        new PersonalDataErasure(
            ApplicationIds.parse(message.getHeader("application_id", String.class)),
            message.getHeader(CorrelationIds.HEADER, String.class),
            submittedTopic));
  }

  private static void answer(Exchange exchange) {
    var message = exchange.getMessage();
    var id = message.getBody(PersonalDataErasure.class).id();
    var left = message.getHeader(LEFT, PersonalDataErasureView.class);
    if (left == null) {
      throw new ResourceNotFoundException("No application with id " + id);
    }
    if (left.status() == ApplicationStatus.PENDING) {
      throw new ConflictException(
          "Application " + id + " is still PENDING; erase it once it is decided");
    }
    message.setBody(left);
  }
}
