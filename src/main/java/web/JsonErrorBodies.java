package web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sends an error answered without a body to {@link JsonErrorController}. The contract's own binding
 * answers a method the contract does not declare for a path with a bare 405 and an {@code Allow}
 * header, outside any route, so no error handler of ours sees it. Camel answers on Spring MVC's
 * async dispatch, so that is where the answer is looked at.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class JsonErrorBodies extends ApiRequestFilter {

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    if (response.getStatus() >= 400
        && response.getContentType() == null
        && !response.isCommitted()
        && !request.isAsyncStarted()) {
      response.sendError(response.getStatus());
    }
  }
}
