package routes.api;

import application.ApplicationIds;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import routes.shared.RestErrorHandling;
import store.ApplicationEventRow;
import store.ApplicationEventsLookup;
import web.ApplicationEventsView;
import web.ResourceNotFoundException;
import web.StaffMember;

/**
 * {@code GET /applications/{application_id}/events}, for reviewers: the audit trail, oldest first.
 * 401 or 403 before anything is read, then 422 for a non-UUID and 404 for an unknown id.
 */
@Component
@ConditionalOnRole(Role.API)
public class ApplicationEventsRoute extends RouteBuilder {

  private static final String TRAIL = "applicationEvents";

  @Override
  public void configure() {
    // @formatter:off
    from("direct:getApplicationEvents")
        .routeId("application-events")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(ApplicationEventsRoute::lookup)
        .to("sql:classpath:sql/select-application-events.sql?outputType=SelectList"
            + "&outputClass=" + ApplicationEventRow.class.getName() + "&outputHeader=" + TRAIL)
        .process(ApplicationEventsRoute::trail)
        .marshal().json();
    // @formatter:on
  }

  private static void lookup(Exchange exchange) {
    StaffMember.of(exchange).require(StaffMember.REVIEWER);
    var message = exchange.getMessage();
    message.setBody(
        new ApplicationEventsLookup(
            ApplicationIds.parse(message.getHeader("application_id", String.class))));
  }

  private static void trail(Exchange exchange) {
    var message = exchange.getMessage();
    var id = message.getBody(ApplicationEventsLookup.class).id();
    List<?> rows = message.getHeader(TRAIL, List.class);
    if (rows == null || rows.isEmpty()) {
      throw new ResourceNotFoundException("No application with id " + id);
    }
    message.setBody(
        ApplicationEventsView.of(id, rows.stream().map(ApplicationEventRow.class::cast).toList()));
  }
}
