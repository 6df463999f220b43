package web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The lender's staff member who sent a request to a staff endpoint, as {@link StaffSecurity}
 * authenticated them: their id (the identity provider's {@code preferred_username}, or whichever
 * claim is configured, else {@code sub}; a local user's name) and their roles.
 *
 * <p>A route asks with {@link #of(Exchange)}. The member travels as an attribute of the servlet
 * request, set on the request thread once Spring Security has authenticated and authorised it;
 * never as a Camel header, which a client can set through an HTTP header or a query parameter, and
 * not through Spring Security's thread-local context, which a route running on another thread than
 * the request's would not see.
 */
public record StaffMember(String id, Set<String> roles) {

  /** Works the manual-review queue and reads the staff views. */
  public static final String REVIEWER = "REVIEWER";

  static final String REQUEST_ATTRIBUTE = StaffMember.class.getName();

  public StaffMember {
    Objects.requireNonNull(id, "id");
    roles = Set.copyOf(roles);
  }

  /**
   * Who sent the HTTP request this exchange is serving.
   *
   * @throws UnauthorizedException (a 401) when the request was not authenticated as a staff member,
   *     which the staff endpoints' security would already have refused: a route that asks is closed
   *     even if that security did not run
   */
  public static StaffMember of(Exchange exchange) {
    // The request object itself: a client-sent header of the same name is a String, not a request.
    if (exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST)
            instanceof HttpServletRequest request
        && request.getAttribute(REQUEST_ATTRIBUTE) instanceof StaffMember member) {
      return member;
    }
    throw new UnauthorizedException("Staff authentication is required");
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /**
   * This member, if they hold {@code role}.
   *
   * @throws AccessDeniedException (a 403) otherwise
   */
  public StaffMember require(String role) {
    if (!hasRole(role)) {
      throw new AccessDeniedException("The " + role + " role is required");
    }
    return this;
  }
}
