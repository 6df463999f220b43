package web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** How a route learns who called: from the servlet request the exchange serves, nothing else. */
class StaffMemberTest {

  private static final StaffMember REVIEWER = new StaffMember("reviewer-1", Set.of("REVIEWER"));

  @Test
  void theMemberIsTheOneTheStaffChainPutOnTheRequest() {
    var request = new MockHttpServletRequest();
    request.setAttribute(StaffMember.REQUEST_ATTRIBUTE, REVIEWER);

    assertThat(StaffMember.of(serving(request))).isEqualTo(REVIEWER);
  }

  @Test
  void aRequestTheChainDidNotAuthenticateIsA401() {
    assertThatThrownBy(() -> StaffMember.of(serving(new MockHttpServletRequest())))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessage("Staff authentication is required");
  }

  @Test
  void aHeaderOrAttributeAClientCouldShapeNamesNoOne() {
    var exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getIn().setHeader(Exchange.HTTP_SERVLET_REQUEST, "reviewer-1");
    var request = new MockHttpServletRequest();
    request.setAttribute(StaffMember.REQUEST_ATTRIBUTE, "reviewer-1");

    assertThatThrownBy(() -> StaffMember.of(exchange)).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> StaffMember.of(serving(request)))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void aRoleTheMemberLacksIsA403() {
    var clerk = new StaffMember("clerk-3", Set.of("CLERK"));

    assertThat(REVIEWER.require(StaffMember.REVIEWER)).isSameAs(REVIEWER);
    assertThatThrownBy(() -> clerk.require(StaffMember.REVIEWER))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("The REVIEWER role is required");
  }

  private static Exchange serving(MockHttpServletRequest request) {
    var exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getIn().setHeader(Exchange.HTTP_SERVLET_REQUEST, request);
    return exchange;
  }
}
