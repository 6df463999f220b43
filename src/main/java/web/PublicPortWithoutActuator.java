package web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * With the actuator on the management port, the public port answers {@code /actuator/**} with the
 * JSON 404 of any unknown path. Spring Boot moves the endpoints, but hawtio also registers its
 * static pages and servlets with the public server's Spring MVC; nothing under the actuator's base
 * path gets past this filter there, whatever a library adds.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicPortWithoutActuator {

  @Bean
  FilterRegistrationBean<Filter> actuatorNotOnThePublicPort(WebEndpointProperties endpoints) {
    Filter notFound =
        (request, response, chain) ->
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
    var registration = new FilterRegistrationBean<>(notFound);
    var basePath = endpoints.getBasePath();
    registration.addUrlPatterns(basePath, basePath + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
