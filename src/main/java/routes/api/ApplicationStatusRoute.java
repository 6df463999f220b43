package routes.api;

import application.ApplicationIds;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import routes.shared.RestErrorHandling;
import store.ApplicationStatusRow;
import store.StatusLookup;
import web.ApplicationStatusView;
import web.ResourceNotFoundException;

/** {@code GET /applications/{application_id}/status}: 422 for a non-UUID, 404 for an unknown id. */
@Component
@ConditionalOnRole(Role.API)
public class ApplicationStatusRoute extends RouteBuilder {

  private static final String FOUND = "applicationStatus";

  @Override
  public void configure() {
    // @formatter:off
    from("direct:getApplicationStatus")
        .routeId("application-status")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(ApplicationStatusRoute::lookup)
        .to("sql:classpath:sql/select-application-status.sql?outputType=SelectOne"
            + "&outputClass=" + ApplicationStatusRow.class.getName() + "&outputHeader=" + FOUND)
        .process(ApplicationStatusRoute::found)
        .marshal().json();
    // @formatter:on
  }

  private static void lookup(Exchange exchange) {
    var message = exchange.getMessage();
    message.setBody(
        new StatusLookup(ApplicationIds.parse(message.getHeader("application_id", String.class))));
  }

  private static void found(Exchange exchange) {
    var message = exchange.getMessage();
    var row = message.getHeader(FOUND, ApplicationStatusRow.class);
    if (row == null) {
      throw new ResourceNotFoundException(
          "No application with id " + message.getBody(StatusLookup.class).id());
    }
    message.setBody(ApplicationStatusView.of(row));
  }
}
