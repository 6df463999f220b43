package web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised before a request reaches a route (unknown path, wrong method, wrong content type,
 * an {@code Accept} the operation cannot answer) get the same JSON shape as the routes' own errors
 * instead of Spring's default body.
 *
 * <p>The body is JSON whatever the request accepts, as Spring does for problem details: the mapping
 * declares no {@code produces}, and the content type is set on the answer, so Spring does not
 * negotiate it. Otherwise a 406 sent for {@code Accept: text/plain} would fail to negotiate its own
 * error body and go out empty.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
    var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    if (status == null || status.is5xxServerError()) {
      return json(HttpStatus.INTERNAL_SERVER_ERROR, ErrorResponse.INTERNAL);
    }
    return json(status, ErrorResponse.refused(status));
  }

  private static ResponseEntity<ErrorResponse> json(HttpStatus status, ErrorResponse body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
