package web;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;
import prequal.PrequalProperties;

/**
 * Staff bearer tokens: JWTs signed by the lender's identity provider, checked for signature, expiry
 * and not-before (a minute's clock skew), issuer and audience where configured; then read into the
 * staff member's id and roles from the configured claims. When the provider's keys cannot be had,
 * the provider answers with an {@code AuthenticationServiceException}, not a refusal of the token.
 */
final class StaffTokens {

  private static final String SUBJECT = JwtClaimNames.SUB;

  /**
   * The {@code typ} headers accepted: {@code JWT}, none, and RFC 9068's access-token type, which
   * Keycloak, Auth0 and Okta put on their access tokens. Spring's decoder accepts only the first
   * two (Nimbus compares them ignoring case). Spring Security 7 moves this check to {@code
   * JwtTypeValidator} in the default validators: that upgrade must keep {@code at+jwt}.
   */
  private static final JOSEObjectTypeVerifier<SecurityContext> TYPES =
      new DefaultJOSEObjectTypeVerifier<>(
          JOSEObjectType.JWT,
          new JOSEObjectType("at+jwt"),
          new JOSEObjectType("application/at+jwt"),
          null);

  private static final Duration IDENTITY_PROVIDER_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration IDENTITY_PROVIDER_READ_TIMEOUT = Duration.ofSeconds(5);

  private StaffTokens() {}

  static JwtAuthenticationProvider provider(
      PrequalProperties.Staff staff, ResourceLoader resourceLoader) {
    var provider = new JwtAuthenticationProvider(decoder(staff.jwt(), resourceLoader));
    provider.setJwtAuthenticationConverter(
        jwt -> authentication(jwt, staff.idClaim(), staff.rolesClaim()));
    return provider;
  }

  static JwtDecoder decoder(PrequalProperties.StaffJwt settings, ResourceLoader resourceLoader) {
    var validator = validator(settings);
    if (StringUtils.hasText(settings.publicKeyLocation())) {
      var key =
          NimbusJwtDecoder.withPublicKey(publicKey(settings, resourceLoader))
              .jwtProcessorCustomizer(StaffTokens::acceptedTypes)
              .build();
      key.setJwtValidator(validator);
      return key;
    }
    if (StringUtils.hasText(settings.jwkSetUri())) {
      return fromIdentityProvider(
          NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()), settings, validator);
    }
    if (StringUtils.hasText(settings.issuerUri())) {
      // Discovery on first use, not at start-up: the service starts while the provider is away.
      var discovery =
          new SupplierJwtDecoder(
              () ->
                  fromIdentityProvider(
                      NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()),
                      settings,
                      validator));
      return token -> {
        try {
          return discovery.decode(token);
        } catch (JwtDecoderInitializationException e) {
          // Not a JwtException, so the provider would let it through as a 500; as one, it is the
          // provider being away (a 503), like a JWK set that cannot be fetched. Tried again on the
          // next token.
          throw new JwtException(
              "The discovery document of "
                  + settings.issuerUri()
                  + " is unavailable: "
                  + e.getCause(),
              e);
        }
      };
    }
    return token -> {
      throw new BadJwtException("No identity provider is configured for staff tokens");
    };
  }

  /** A decoder of the keys the provider publishes, by JWK set URI or by issuer discovery. */
  private static NimbusJwtDecoder fromIdentityProvider(
      NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder keys,
      PrequalProperties.StaffJwt settings,
      OAuth2TokenValidator<Jwt> validator) {
    var decoder =
        keys.jwsAlgorithms(algorithms -> algorithms.addAll(settings.algorithms()))
            .restOperations(identityProvider())
            .jwtProcessorCustomizer(StaffTokens::acceptedTypes)
            .build();
    decoder.setJwtValidator(validator);
    return decoder;
  }

  /**
   * How the discovery document and the JWK set are fetched: within bounded time, so a provider that
   * does not answer costs a staff request seconds and a 503, not a thread held until the client
   * gives up. Spring's default client waits for ever.
   */
  private static RestTemplate identityProvider() {
    var requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(IDENTITY_PROVIDER_CONNECT_TIMEOUT);
    requests.setReadTimeout(IDENTITY_PROVIDER_READ_TIMEOUT);
    return new RestTemplate(requests);
  }

  private static void acceptedTypes(ConfigurableJWTProcessor<SecurityContext> processor) {
    processor.setJWSTypeVerifier(TYPES);
  }

  private static OAuth2TokenValidator<Jwt> validator(PrequalProperties.StaffJwt settings) {
    var validators = new ArrayList<OAuth2TokenValidator<Jwt>>();
    validators.add(JwtValidators.createDefault());
    if (StringUtils.hasText(settings.issuerUri())) {
      validators.add(new JwtIssuerValidator(settings.issuerUri()));
    }
    if (!settings.audiences().isEmpty()) {
      var audiences = Set.copyOf(settings.audiences());
      validators.add(
          new JwtClaimValidator<Collection<String>>(
              JwtClaimNames.AUD,
              audience -> audience != null && audience.stream().anyMatch(audiences::contains)));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  private static RSAPublicKey publicKey(
      PrequalProperties.StaffJwt settings, ResourceLoader resourceLoader) {
    var resource = resourceLoader.getResource(settings.publicKeyLocation());
    try (var in = resource.getInputStream()) {
      return RsaKeyConverters.x509().convert(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "prequal.staff.jwt.public-key-location " + settings.publicKeyLocation() + " unreadable",
          e);
    }
  }

  /**
   * The staff member a valid token stands for: the id claim, else {@code sub}; the roles as {@code
   * ROLE_} authorities. A token naming no one is refused.
   */
  static JwtAuthenticationToken authentication(Jwt jwt, String idClaim, String rolesClaim) {
    var id = jwt.getClaimAsString(idClaim);
    if (!StringUtils.hasText(id)) {
      id = jwt.getClaimAsString(SUBJECT);
    }
    if (!StringUtils.hasText(id)) {
      throw new InvalidBearerTokenException(
          "The token names no staff member (" + idClaim + " or " + SUBJECT + ")");
    }
    var authorities =
        roles(jwt.getClaims(), rolesClaim).stream()
            .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
            .toList();
    return new JwtAuthenticationToken(jwt, authorities, id);
  }

  /**
   * The roles in a claim: a list of strings, or one string of names separated by spaces or commas.
   * A claim name with dots that is not itself a claim reaches into object claims ({@code
   * realm_access.roles} for Keycloak); a name like {@code https://lender.example/roles} is found
   * whole first.
   */
  static Set<String> roles(Map<String, Object> claims, String rolesClaim) {
    Object value = claims.get(rolesClaim);
    if (value == null && rolesClaim.contains(".")) {
      Object current = claims;
      for (var part : rolesClaim.split("\\.", -1)) {
        current = current instanceof Map<?, ?> object ? object.get(part) : null;
      }
      value = current;
    }
    if (value instanceof Collection<?> list) {
      return list.stream()
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .filter(StringUtils::hasText)
          .collect(Collectors.toSet());
    }
    if (value instanceof String names) {
      return Arrays.stream(names.split("[\\s,]+"))
          .filter(StringUtils::hasText)
          .collect(Collectors.toSet());
    }
    return Set.of();
  }
}
