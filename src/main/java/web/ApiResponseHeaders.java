package web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * An API response, errors included, may carry an applicant's data: no cache may keep it, and no
 * browser may read it as anything but its declared type. Set before anything answers, so the
 * routes' answers, the error controller's, the CORS refusal and the 413 all carry both. Spring
 * Security sets its own such headers on the actuator endpoints.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiResponseHeaders extends ApiRequestFilter {

  private static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader(CONTENT_TYPE_OPTIONS, "nosniff");
    chain.doFilter(request, response);
  }
}
