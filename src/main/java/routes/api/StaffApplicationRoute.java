package routes.api;

import application.ApplicationIds;
import messages.PanNumber;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import routes.shared.RestErrorHandling;
import store.StaffApplicationLookup;
import store.StaffApplicationRow;
import web.ResourceNotFoundException;
import web.StaffApplicationView;
import web.StaffMember;

/**
 * {@code GET /applications/{application_id}}, for reviewers: the application in full with its
 * review task, if it has one, read in the same statement; its PAN opened only to be masked. 401 or
 * 403 before anything is read, then 422 for a non-UUID and 404 for an unknown id. Who looked is
 * logged.
 */
@Component
@ConditionalOnRole(Role.API)
public class StaffApplicationRoute extends RouteBuilder {

  private static final String FOUND = "staffApplication";
  private static final String VIEWER = "staffMemberId";

  private final PersonalDataCipher cipher;

  StaffApplicationRoute(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void configure() {
    // @formatter:off
    from("direct:getApplication")
        .routeId("staff-application")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(StaffApplicationRoute::lookup)
        .to("sql:classpath:sql/select-application-for-staff.sql?outputType=SelectOne"
            + "&outputClass=" + StaffApplicationRow.class.getName() + "&outputHeader=" + FOUND)
        .process(this::view)
        .log("Application ${body.applicationId} shown to staff member ${exchangeProperty." + VIEWER + "}")
        .marshal().json();
    // @formatter:on
  }

  private static void lookup(Exchange exchange) {
    var reviewer = StaffMember.of(exchange).require(StaffMember.REVIEWER);
    exchange.setProperty(VIEWER, reviewer.id());
    var message = exchange.getMessage();
    message.setBody(
        new StaffApplicationLookup(
            ApplicationIds.parse(message.getHeader("application_id", String.class))));
  }

  private void view(Exchange exchange) {
    var message = exchange.getMessage();
    var row = message.getHeader(FOUND, StaffApplicationRow.class);
    if (row == null) {
      throw new ResourceNotFoundException(
          "No application with id " + message.getBody(StaffApplicationLookup.class).id());
    }
    message.setBody(StaffApplicationView.of(row, maskedPan(row)));
  }

  /** The PAN as a reviewer may see it; none once erased. */
  private String maskedPan(StaffApplicationRow row) {
    if (row.panNumberSealed() == null) {
      return null;
    }
    var pan = cipher.open(SealedField.panNumber(row.applicationId()), row.panNumberSealed());
    return new PanNumber(pan).masked();
  }
}
