package web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The contract is served whatever the client accepts: a browser, curl or a code generator each send
 * an {@code Accept} of their own. The contract binding registers each path with Spring MVC as
 * producing the media types its responses declare, so Spring would answer 406 to an {@code Accept}
 * that names none of them before the route is reached; for these two paths the request goes on as
 * if it had sent no {@code Accept}.
 */
@Component
class ContractDocumentsIgnoreAccept extends OncePerRequestFilter {

  private static final Set<String> DOCUMENTS = Set.of("/openapi.yaml", "/openapi.json");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !DOCUMENTS.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new WithoutAccept(request), response);
  }

  private static final class WithoutAccept extends HttpServletRequestWrapper {

    WithoutAccept(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
          ? Collections.emptyEnumeration()
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      var names = Collections.list(super.getHeaderNames());
      names.removeIf(HttpHeaders.ACCEPT::equalsIgnoreCase);
      return Collections.enumeration(names);
    }
  }
}
