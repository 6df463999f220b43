package web;

import org.apache.coyote.ContinueResponseTiming;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers {@code Expect: 100-continue} when the body is first read, not as soon as the
 * headers arrive: a client that asks before sending a large body (curl does above 1 MB) gets the
 * 413 of {@link RequestBodyLimit} without sending the body at all.
 */
@Configuration(proxyBeanMethods = false)
class ExpectContinueOnRead {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueWhenTheBodyIsRead() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> {
              if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming(
                    ContinueResponseTiming.ON_REQUEST_BODY_READ.toString());
              }
            });
  }
}
