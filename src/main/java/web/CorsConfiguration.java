package web;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import prequal.PrequalProperties;

/** Browsers from the configured origins may call the API with GET and POST. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(PrequalProperties properties) {
    var cors = new org.springframework.web.cors.CorsConfiguration();
    cors.setAllowedOrigins(properties.cors().allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST"));
    cors.setAllowedHeaders(List.of("Content-Type", CorrelationIds.HEADER));
    cors.setExposedHeaders(List.of("Location", "Retry-After", CorrelationIds.HEADER));
    cors.setMaxAge(3600L);
    var source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    var registration = new FilterRegistrationBean<>(new CorsFilter(source));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
