package web;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * How Spring MVC serves the REST routes, cut to what they need (the benchmark's profile of the
 * request threads showed each of these):
 *
 * <ul>
 *   <li>Each REST exchange runs on the servlet container's request thread. Camel's default engine
 *       hands every request to Spring's task executor (eight threads, unbounded queue) and back: a
 *       thread switch per request, and under load a queue in front of the routes that the
 *       container's own thread pool and the connection pool's timeout (a 503) already bound.
 *   <li>So the {@code CompletableFuture} Camel's handler returns is complete when it returns, and
 *       the request is answered there and then. Spring MVC would complete any future through an
 *       asynchronous dispatch: the request through the servlet filters, Spring Security and the
 *       dispatcher a second time (16% of the request threads' samples).
 *   <li>No handler validates its arguments (the routes validate their bodies, {@code
 *       ApplicationForm}), so Spring MVC gets no bean validator: with one it scans each handler
 *       method's annotations for validation groups on every request (5%).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PlatformHttpEngineConfiguration implements WebMvcConfigurer {

  @Bean(name = "platform-http-engine")
  PlatformHttpEngine platformHttpEngine(@Value("${server.port}") int port) {
    return new SpringBootPlatformHttpEngine(port, Runnable::run);
  }

  @Bean
  static BeanPostProcessor completedExchangesAnsweredAtOnce() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter adapter) {
          var handlers = new ArrayList<>(adapter.getReturnValueHandlers());
          var deferred =
              handlers.stream()
                  .filter(DeferredResultMethodReturnValueHandler.class::isInstance)
                  .findFirst()
                  .orElseThrow();
          handlers.add(0, new CompletedExchange(deferred));
          adapter.setReturnValueHandlers(handlers);
        }
        return bean;
      }
    };
  }

  @Override
  public Validator getValidator() {
    return new Validator() {
      @Override
      public boolean supports(Class<?> type) {
        return false;
      }

      @Override
      public void validate(Object target, Errors errors) {}
    };
  }

  /**
   * The outcome of a platform-http exchange that ran on the request thread, taken as it returns;
   * one still running (another engine's) goes the asynchronous way. Camel's handler never fails the
   * future: it answers a failure with a 500 itself.
   */
  private record CompletedExchange(HandlerMethodReturnValueHandler asynchronous)
      implements HandlerMethodReturnValueHandler {

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
      return SpringBootPlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass());
    }

    @Override
    public void handleReturnValue(
        Object returnValue,
        MethodParameter returnType,
        ModelAndViewContainer container,
        NativeWebRequest request)
        throws Exception {
      if (returnValue instanceof CompletableFuture<?> exchange && exchange.isDone()) {
        exchange.join();
        container.setRequestHandled(true);
      } else {
        asynchronous.handleReturnValue(returnValue, returnType, container, request);
      }
    }
  }
}
