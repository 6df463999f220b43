package web;

import application.IdempotencyKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import prequal.PrequalProperties;

/** Browsers from the configured origins may call the API with GET and POST. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(
      PrequalProperties properties, ObjectMapper objectMapper) {
    var cors = new org.springframework.web.cors.CorsConfiguration();
    cors.setAllowedOrigins(properties.cors().allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST"));
    // Authorization: a lender's staff screen sends its staff member's bearer token.
    cors.setAllowedHeaders(
        List.of(
            "Content-Type",
            CorrelationIds.HEADER,
            IdempotencyKey.HEADER,
            HttpHeaders.AUTHORIZATION));
    cors.setExposedHeaders(List.of("Location", "Retry-After", CorrelationIds.HEADER));
    cors.setMaxAge(3600L);
    var source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    var filter = new CorsFilter(source);
    filter.setCorsProcessor(new JsonRejectingCorsProcessor(objectMapper));
    var registration = new FilterRegistrationBean<>(filter);
    // After ApiResponseHeaders, so a refusal carries them; before RequestBodyLimit, so a browser
    // from an allowed origin can read its 413.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  /** Refuses a disallowed origin with the same JSON error shape as every other error. */
  private static final class JsonRejectingCorsProcessor extends DefaultCorsProcessor {

    private static final ErrorResponse FORBIDDEN =
        new ErrorResponse("Forbidden", "Origin not allowed");

    private final ObjectMapper objectMapper;

    JsonRejectingCorsProcessor(ObjectMapper objectMapper) {
      this.objectMapper = objectMapper;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
      response.setStatusCode(HttpStatus.FORBIDDEN);
      response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
      response.getBody().write(objectMapper.writeValueAsBytes(FORBIDDEN));
      response.flush();
    }
  }
}
