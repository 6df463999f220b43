package web;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;

/**
 * The authenticated staff member behind a request, as the security filter chain established them on
 * the servlet request. Read from the request itself, never from a header a client could send.
 */
public record StaffMember(String id) {

  public static StaffMember of(Exchange exchange) {
    var message = exchange.getIn(HttpMessage.class);
    var principal = message == null ? null : message.getRequest().getUserPrincipal();
    if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
      throw new UnauthorizedException("Staff authentication is required");
    }
    return new StaffMember(principal.getName());
  }
}
