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
 * Errors raised before a request reaches a route (unknown path, wrong method, wrong content type)
 * get the same JSON shape as the routes' own errors instead of Spring's default body.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
    var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    if (status == null || status.is5xxServerError()) {
      return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ErrorResponse.INTERNAL);
    }
    return ResponseEntity.status(status).body(ErrorResponse.refused(status));
  }
}
