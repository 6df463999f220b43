package web;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs each REST exchange on the servlet container's request thread. Camel's default engine hands
 * every request to Spring's task executor (eight threads, unbounded queue) and back: a thread
 * switch per request, and under load a queue in front of the routes that the container's own thread
 * pool and the connection pool's timeout (a 503) already bound.
 */
@Configuration(proxyBeanMethods = false)
class PlatformHttpEngineConfiguration {

  @Bean(name = "platform-http-engine")
  PlatformHttpEngine platformHttpEngine(@Value("${server.port}") int port) {
    return new SpringBootPlatformHttpEngine(port, Runnable::run);
  }
}
