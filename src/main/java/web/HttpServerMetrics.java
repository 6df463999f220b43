package web;

import io.micrometer.common.KeyValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * Tags {@code http_server_requests} with each operation's OpenAPI path. Camel registers every
 * platform-http operation with Spring MVC as a prefix match, which Spring would report as {@code
 * /applications/{application_id}/status/{*matchOnUriPrefix}}.
 */
@Configuration(proxyBeanMethods = false)
class HttpServerMetrics {

  static final String CAMEL_PREFIX_MATCH = "/{*matchOnUriPrefix}";

  @Bean
  ServerRequestObservationConvention operationPathConvention() {
    return new DefaultServerRequestObservationConvention() {
      @Override
      protected KeyValue uri(ServerRequestObservationContext context) {
        return withoutPrefixMatch(super.uri(context));
      }
    };
  }

  static KeyValue withoutPrefixMatch(KeyValue uri) {
    var path = uri.getValue();
    return path.endsWith(CAMEL_PREFIX_MATCH)
        ? KeyValue.of(uri.getKey(), path.substring(0, path.length() - CAMEL_PREFIX_MATCH.length()))
        : uri;
  }
}
