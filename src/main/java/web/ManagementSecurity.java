package web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;
import prequal.PrequalProperties;

/**
 * Guards the actuator endpoints, which listen on the management port only: hawtio and Jolokia
 * (which can stop routes and read any MBean) need the console account over HTTP Basic, unless the
 * local profile turned authentication off. Health and Prometheus stay open for probes and scrapers.
 * Nothing on the public port passes through this chain, so the API answers exactly as before.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurity {

  @Bean
  SecurityFilterChain managementEndpoints(HttpSecurity http, PrequalProperties properties)
      throws Exception {
    var console = properties.console();
    // EndpointRequest, not a path pattern: Jolokia is its own servlet, which Spring MVC's path
    // matching does not see.
    http.securityMatcher(EndpointRequest.toAnyEndpoint())
        .authorizeHttpRequests(
            requests -> {
              requests.requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll();
              if (console.authenticationEnabled()) {
                requests.anyRequest().authenticated();
              } else {
                requests.anyRequest().permitAll();
              }
            })
        // A BCrypt check of a cost-10 hash took 0.3 s of CPU on a loaded 2-core machine, and hawtio
        // polls Jolokia every few seconds: the session keeps the authentication, so a console pays
        // for one check per login, not one per request.
        .httpBasic(
            basic ->
                basic
                    .realmName("loan-prequal console")
                    .securityContextRepository(new HttpSessionSecurityContextRepository()))
        // No other origin may call the console or Jolokia from a browser: Jolokia would otherwise
        // answer any origin, credentials included, and a page an operator visits could read MBeans.
        .cors(cors -> cors.configurationSource(request -> new CorsConfiguration()));
    if (console.authenticationEnabled()) {
      // The browser replays Basic credentials on any request to this origin, so hawtio's Jolokia
      // POSTs must prove they come from the console page: hawtio echoes the XSRF-TOKEN cookie.
      http.csrf(
              csrf ->
                  csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                      .csrfTokenRequestHandler(new SinglePageAppCsrfHandler()))
          .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
    } else {
      http.csrf(csrf -> csrf.disable());
    }
    return http.build();
  }

  /**
   * The console account. Its password is configured as a BCrypt hash, so neither the environment
   * nor the process holds the password itself; {@code {bcrypt}} has Spring Security check it with
   * its BCryptPasswordEncoder, which compares in constant time (and spends as long on an unknown
   * user name).
   */
  @Bean
  UserDetailsService consoleAccount(PrequalProperties properties) {
    var console = properties.console();
    return new InMemoryUserDetailsManager(
        User.withUsername(console.username())
            .password("{bcrypt}" + console.passwordHash())
            .roles("CONSOLE")
            .build());
  }

  /**
   * hawtio sends the raw token from the cookie in {@code X-XSRF-TOKEN}; a token rendered in a page
   * would be the masked (BREACH-safe) form. Accept both.
   */
  private static final class SinglePageAppCsrfHandler extends CsrfTokenRequestAttributeHandler {

    private final XorCsrfTokenRequestAttributeHandler masked =
        new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(
        HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
      masked.handle(request, response, csrfToken);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
      return StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()))
          ? super.resolveCsrfTokenValue(request, csrfToken)
          : masked.resolveCsrfTokenValue(request, csrfToken);
    }
  }

  /** Spring Security loads the token lazily; loading it sets the cookie hawtio reads. */
  private static final class CsrfCookieFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      var token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      if (token != null) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
