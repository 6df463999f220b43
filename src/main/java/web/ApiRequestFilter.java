package web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter for the API's requests only. The actuator endpoints (health, metrics, hawtio, Jolokia)
 * pass through {@link ManagementSecurity}'s chain instead, matched the same way, since Jolokia is a
 * servlet of its own that a path pattern would miss.
 */
abstract class ApiRequestFilter extends OncePerRequestFilter {

  private final RequestMatcher managementEndpoints = EndpointRequest.toAnyEndpoint();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return managementEndpoints.matches(request);
  }
}
