package routes;

import application.ApplicationIds;
import application.ApplicationStatus;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import web.ApplicationStatusView;
import web.ResourceNotFoundException;

/** {@code GET /applications/{application_id}/status}: 422 for a non-UUID, 404 for an unknown id. */
@Component
@ConditionalOnRole(Role.API)
public class ApplicationStatusRoute extends RouteBuilder {

  @Override
  public void configure() {
    from("direct:getApplicationStatus")
        .routeId("application-status")
        .routeConfigurationId(RestErrorHandling.ID)
        .setHeader("applicationId", method(ApplicationIds.class, "parse(${header.application_id})"))
        .to("sql:classpath:sql/select-application-status.sql?outputType=SelectOne")
        .setBody(
            exchange -> {
              Map<?, ?> row = exchange.getMessage().getBody(Map.class);
              if (row == null) {
                throw new ResourceNotFoundException(
                    "No application with id " + exchange.getMessage().getHeader("applicationId"));
              }
              return new ApplicationStatusView(
                  (UUID) row.get("application_id"),
                  ApplicationStatus.valueOf((String) row.get("status")));
            })
        .marshal()
        .json();
  }
}
