package routes;

import application.ApplicationForm;
import application.ApplicationIntake;
import application.ApplicationStatus;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import web.ApplicationStatusView;
import web.CorrelationIds;
import web.JsonRequestReader;

/**
 * {@code POST /applications}: validate, store the application and its outbox event in one
 * statement, answer 202. Kafka is not on this path; the outbox relay publishes the event.
 */
@Component
@ConditionalOnRole(Role.API)
public class SubmitApplicationRoute extends RouteBuilder {

  static final String APPLICATION_ID = "applicationId";

  private final JsonRequestReader jsonRequestReader;
  private final ApplicationIntake applicationIntake;

  SubmitApplicationRoute(JsonRequestReader jsonRequestReader, ApplicationIntake applicationIntake) {
    this.jsonRequestReader = jsonRequestReader;
    this.applicationIntake = applicationIntake;
  }

  @Override
  public void configure() {
    from("direct:submitApplication")
        .routeId("submit-application")
        .routeConfigurationId(RestErrorHandling.ID)
        .bean(jsonRequestReader, "readObject(${header.Content-Type}, ${bodyAs(byte[])})")
        .bean(ApplicationForm.class, "parse")
        .bean(applicationIntake, "register(${body}, ${header." + CorrelationIds.HEADER + "})")
        .setHeader(APPLICATION_ID, simple("${body[id]}"))
        .process(
            exchange ->
                LogContext.application(exchange.getMessage().getHeader(APPLICATION_ID), null))
        .to("sql:classpath:sql/insert-application.sql")
        .log("Application received: ${body[loan_type]} loan of ${body[loan_amount_inr]}")
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
        .setHeader("Location", simple("/applications/${header." + APPLICATION_ID + "}/status"))
        .setBody(
            exchange ->
                new ApplicationStatusView(
                    exchange.getMessage().getHeader(APPLICATION_ID, UUID.class),
                    ApplicationStatus.PENDING))
        .marshal()
        .json();
  }
}
