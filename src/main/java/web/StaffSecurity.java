package web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import prequal.DefaultCredentials;
import prequal.PrequalProperties;

/**
 * Who may call the staff endpoints on the public port: {@code GET /applications/{id}}, {@code
 * /applications/{id}/events} and everything under {@code /reviews}. Each needs a bearer JWT from
 * the lender's identity provider ({@link StaffTokens}) holding the REVIEWER role or, in the local
 * run only, one of the built-in reviewers over HTTP Basic. A 401 or 403 answers with the JSON error
 * shape, and a token that cannot be checked while the identity provider is away a JSON 503. The
 * route then learns who called from {@link StaffMember#of}.
 *
 * <p>This chain matches the staff paths only, so every other request on the public port, the
 * applicant's status and the operator endpoints with their own token included, passes no Spring
 * Security filter and answers as before; the management port's endpoints have {@link
 * ManagementSecurity}'s chain, and neither chain's paths are the other's. Stateless: no session, no
 * cookie, so no CSRF token either. The API's own filters already set its response headers.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurity {

  private static final Logger log = LoggerFactory.getLogger(StaffSecurity.class);

  static final String REALM = "loan-prequal staff";
  private static final String ROLE_PREFIX = "ROLE_";

  @Bean
  SecurityFilterChain staffEndpoints(
      HttpSecurity http,
      PrequalProperties properties,
      ObjectMapper objectMapper,
      ResourceLoader resourceLoader)
      throws Exception {
    var staff = properties.staff();
    var refusals = new Refusals(objectMapper, staff.localUsers());
    // Managers of this chain's own: the console account, which the application-wide manager
    // knows, must not sign in here.
    var tokens = new ProviderManager(StaffTokens.provider(staff, resourceLoader));
    http.securityMatcher(new StaffPaths())
        .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(StaffMember.REVIEWER))
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.authenticationManager(tokens))
                    .authenticationEntryPoint(refusals)
                    .accessDeniedHandler(refusals)
                    .withObjectPostProcessor(refusals.onBearerTokenFailure()))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .addFilterAfter(new PublishStaffMember(), AuthorizationFilter.class);
    if (staff.localUsers()) {
      http.authenticationManager(new ProviderManager(localUsers()))
          .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals));
    } else {
      http.authenticationManager(tokens);
    }
    return http.build();
  }

  /**
   * The local run's reviewers, each with its name as its password; stored in plain text because
   * they are public anyway, and a BCrypt check would cost every request a third of a second of CPU
   * on a small machine.
   */
  private static DaoAuthenticationProvider localUsers() {
    var users = new InMemoryUserDetailsManager();
    DefaultCredentials.LOCAL_STAFF_USERS.forEach(
        name ->
            users.createUser(
                User.withUsername(name)
                    .password("{noop}" + name)
                    .roles(StaffMember.REVIEWER)
                    .build()));
    return new DaoAuthenticationProvider(users);
  }

  /** The member an authenticated request was authenticated as: a token's id, or a user's name. */
  static StaffMember staffMember(Authentication authentication) {
    return new StaffMember(
        authentication.getName(),
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> authority.startsWith(ROLE_PREFIX))
            .map(authority -> authority.substring(ROLE_PREFIX.length()))
            .collect(Collectors.toSet()));
  }

  /**
   * The staff paths as the contract's binding matches them: it ignores case and a leading or
   * trailing slash, and compares the path as sent, undecoded. {@code DELETE /applications/{id}} is
   * the operators' erasure, with their own token.
   */
  static final class StaffPaths implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
      var path = request.getRequestURI().substring(request.getContextPath().length());
      var segments = trimSlashes(path).toLowerCase(Locale.ROOT).split("/", -1);
      if (segments[0].equals("reviews")) {
        return true;
      }
      if (!segments[0].equals("applications")) {
        return false;
      }
      return switch (segments.length) {
        case 2 -> !"DELETE".equalsIgnoreCase(request.getMethod());
        case 3 -> segments[2].equals("events");
        default -> false;
      };
    }

    private static String trimSlashes(String path) {
      var start = path.startsWith("/") ? 1 : 0;
      var end = path.endsWith("/") && path.length() > start ? path.length() - 1 : path.length();
      return path.substring(start, end);
    }
  }

  /**
   * Hands the authenticated member to the route as a request attribute, on the request thread,
   * after authorisation has passed.
   */
  private static final class PublishStaffMember extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      var authentication =
          SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
      if (authentication != null
          && authentication.isAuthenticated()
          && !(authentication instanceof AnonymousAuthenticationToken)) {
        request.setAttribute(StaffMember.REQUEST_ATTRIBUTE, staffMember(authentication));
      }
      chain.doFilter(request, response);
    }
  }

  /**
   * A 401 (with the challenges this service accepts) or a 403, each with the JSON error shape. The
   * token's own fault is named only as {@code invalid_token}: which check failed helps an attacker
   * more than a client. A token that cannot be checked because the identity provider's keys cannot
   * be had is a 503 with {@code Retry-After}, logged once at WARN (without the token): Spring's own
   * handling would rethrow it, and the container would answer 500.
   */
  private static final class Refusals
      implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private final ObjectMapper objectMapper;
    private final boolean localUsers;

    Refusals(ObjectMapper objectMapper, boolean localUsers) {
      this.objectMapper = objectMapper;
      this.localUsers = localUsers;
    }

    @Override
    public void commence(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
        throws IOException {
      var bearer = "Bearer realm=\"" + REALM + "\"";
      String message;
      if (failure instanceof InvalidBearerTokenException) {
        bearer += ", error=\"invalid_token\"";
        message = "The bearer token is not valid";
      } else if (failure instanceof BadCredentialsException) {
        message = "The user name or password is not valid";
      } else {
        message = "Staff authentication is required";
      }
      response.addHeader(HttpHeaders.WWW_AUTHENTICATE, bearer);
      if (localUsers) {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
      }
      write(response, HttpStatus.UNAUTHORIZED, message);
    }

    @Override
    public void onAuthenticationFailure(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
        throws IOException {
      if (!(failure instanceof AuthenticationServiceException)) {
        commence(request, response, failure);
        return;
      }
      log.warn(
          "Staff token not checked, the identity provider is unavailable: {}",
          failure.getMessage());
      response.setHeader(HttpHeaders.RETRY_AFTER, ErrorResponse.RETRY_AFTER_SECONDS);
      write(response, HttpStatus.SERVICE_UNAVAILABLE, ErrorResponse.IDENTITY_PROVIDER_UNAVAILABLE);
    }

    /** Makes these refusals the bearer token filter's answer to a failed authentication too. */
    ObjectPostProcessor<BearerTokenAuthenticationFilter> onBearerTokenFailure() {
      return new ObjectPostProcessor<>() {
        @Override
        public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
          filter.setAuthenticationFailureHandler(Refusals.this);
          return filter;
        }
      };
    }

    @Override
    public void handle(
        HttpServletRequest request,
        HttpServletResponse response,
        org.springframework.security.access.AccessDeniedException denied)
        throws IOException {
      write(response, HttpStatus.FORBIDDEN, "The " + StaffMember.REVIEWER + " role is required");
    }

    private void write(HttpServletResponse response, HttpStatus status, String message)
        throws IOException {
      write(response, status, new ErrorResponse(status.getReasonPhrase(), message));
    }

    private void write(HttpServletResponse response, HttpStatus status, ErrorResponse body)
        throws IOException {
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      objectMapper.writeValue(response.getOutputStream(), body);
    }
  }
}
