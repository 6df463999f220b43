package web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Settles the correlation id before anything else sees the request, so the routes, the error pages
 * and the response all carry the same one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var id = CorrelationIds.acceptOrGenerate(request.getHeader(CorrelationIds.HEADER));
    response.setHeader(CorrelationIds.HEADER, id);
    chain.doFilter(new WithCorrelationId(request, id), response);
  }

  private static final class WithCorrelationId extends HttpServletRequestWrapper {

    private final String id;

    WithCorrelationId(HttpServletRequest request, String id) {
      super(request);
      this.id = id;
    }

    @Override
    public String getHeader(String name) {
      return CorrelationIds.HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return CorrelationIds.HEADER.equalsIgnoreCase(name)
          ? Collections.enumeration(List.of(id))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      var names = Collections.list(super.getHeaderNames());
      if (names.stream().noneMatch(CorrelationIds.HEADER::equalsIgnoreCase)) {
        names.add(CorrelationIds.HEADER);
      }
      return Collections.enumeration(names);
    }
  }
}
