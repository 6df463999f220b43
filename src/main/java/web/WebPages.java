package web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import prequal.ConditionalOnRole;
import prequal.Role;

/**
 * The pages the API serves itself: the reviewer console at {@code /console/} and the applicant's
 * status page at {@code /applicant/}. Each is static HTML, CSS and JavaScript from {@code
 * classpath:/pages/} calling the JSON API of the same origin, so there is no second server to run
 * and nothing loaded from anywhere else; the content security policy holds the pages to that.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
class WebPages implements WebMvcConfigurer {

  private static final List<String> PAGES = List.of("console", "applicant");
  private static final String ASSETS = "assets";

  /**
   * Only this origin's scripts, styles and API; no inline script, so an injected {@code <script>}
   * runs nowhere; no framing, so no page can be overlaid to trick a reviewer into a click.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    for (var folder : folders()) {
      registry
          .addResourceHandler("/" + folder + "/**")
          .addResourceLocations("classpath:/pages/" + folder + "/");
    }
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    for (var page : PAGES) {
      registry.addRedirectViewController("/" + page, "/" + page + "/");
      registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
    }
  }

  @Bean
  FilterRegistrationBean<PageHeaders> pageHeaders() {
    var registration = new FilterRegistrationBean<>(new PageHeaders());
    registration.setUrlPatterns(folders().stream().map(folder -> "/" + folder + "/*").toList());
    return registration;
  }

  private static List<String> folders() {
    return Stream.concat(PAGES.stream(), Stream.of(ASSETS)).toList();
  }

  /** The headers every page and asset carries, on top of those of {@link ApiResponseHeaders}. */
  static final class PageHeaders extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("Referrer-Policy", "no-referrer");
      chain.doFilter(request, response);
    }
  }
}
