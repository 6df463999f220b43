package web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fixtures.StaffJwts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import prequal.PrequalProperties;

/**
 * Checking a staff token (its {@code typ}) and reading a valid one into the staff member: which
 * claims name them and list their roles.
 */
class StaffTokensTest {

  private static final Map<String, Object> CLAIMS =
      Map.of(
          "roles", List.of("REVIEWER", "AUDITOR"),
          "scope", "REVIEWER AUDITOR,CLERK",
          "realm_access", Map.of("roles", List.of("REVIEWER")),
          "https://lender.example/roles", List.of("AUDITOR"),
          "mixed", List.of("REVIEWER", 7, ""),
          "number", 42);

  @ParameterizedTest(name = "claim {0}: roles {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "roles                        | REVIEWER,AUDITOR",
        "scope                        | REVIEWER,AUDITOR,CLERK",
        "realm_access.roles           | REVIEWER",
        "https://lender.example/roles | AUDITOR",
        "mixed                        | REVIEWER",
        "number                       | ''",
        "absent                       | ''",
        "realm_access.absent          | ''",
      })
  void rolesAreReadFromTheConfiguredClaim(String claim, String expected) {
    var roles = StaffTokens.roles(CLAIMS, claim);

    assertThat(roles).isEqualTo(expected.isEmpty() ? Set.of() : Set.of(expected.split(",", -1)));
  }

  @Test
  void theIdClaimNamesTheMemberAndTheRolesBecomeAuthorities() {
    var token =
        StaffTokens.authentication(
            jwt(
                Map.of(
                    "sub", "0c4e1a52", "preferred_username", "asha", "roles", List.of("REVIEWER"))),
            "preferred_username",
            "roles");

    assertThat(token.getName()).isEqualTo("asha");
    assertThat(token.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_REVIEWER");
    assertThat(StaffSecurity.staffMember(token))
        .isEqualTo(new StaffMember("asha", Set.of("REVIEWER")));
  }

  @Test
  void withoutTheIdClaimTheSubjectNamesTheMember() {
    var token = StaffTokens.authentication(jwt(Map.of("sub", "0c4e1a52")), "employee_id", "roles");

    assertThat(token.getName()).isEqualTo("0c4e1a52");
    assertThat(token.getAuthorities()).isEmpty();
  }

  @Test
  void aTokenNamingNoOneIsRefused() {
    assertThatThrownBy(
            () ->
                StaffTokens.authentication(
                    jwt(Map.of("preferred_username", " ")), "preferred_username", "roles"))
        .isInstanceOf(InvalidBearerTokenException.class);
  }

  @Test
  void signingKeysComeFromAJwkSetOrOneKeyNotBoth() {
    assertThatThrownBy(
            () ->
                new PrequalProperties.StaffJwt(
                    null,
                    "https://idp.lender.example/jwks",
                    "file:/etc/key.pem",
                    List.of(),
                    List.of(SignatureAlgorithm.RS256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
    assertThat(new PrequalProperties.StaffJwt(null, null, null, null, null).configured()).isFalse();
    assertThat(
            new PrequalProperties.StaffJwt(
                    "https://idp.lender.example", null, null, List.of(""), null)
                .audiences())
        .isEmpty();
  }

  @ParameterizedTest(name = "typ {0}: accepted {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "absent",
      value = {
        "JWT                | true",
        "jwt                | true",
        "absent             | true",
        "at+jwt             | true",
        "AT+JWT             | true",
        "application/at+jwt | true",
        "JOSE               | false",
        "secevent+jwt       | false",
        "dpop+jwt           | false",
      })
  void aTokenIsAcceptedByItsType(String type, boolean accepted) {
    var token = StaffJwts.reviewer("reviewer-7").typed(type).compact();

    if (accepted) {
      assertThat(authenticate(token).getName()).isEqualTo("reviewer-7");
    } else {
      assertThatThrownBy(() -> authenticate(token))
          .isInstanceOf(InvalidBearerTokenException.class)
          .hasMessageContaining("typ");
    }
  }

  @ParameterizedTest(name = "a token signed {1} through a JWK set allowing {0}: accepted {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | RS256 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | RS384 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | RS512 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | PS256 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | PS512 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | ES256 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | ES384 | true",
        "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512 | ES512 | true",
        "RS256                                                 | ES256 | false",
        "ES256                                                 | RS256 | false",
        "RS256,ES256                                           | PS256 | false",
      })
  void theJwkSetAcceptsTheConfiguredAlgorithms(String allowed, String algorithm, boolean accepted) {
    var settings = jwkSet(StaffJwts.jwkSetUri(), allowed);
    var token = StaffJwts.reviewer("reviewer-7").signedWith(algorithm).compact();

    if (accepted) {
      assertThat(authenticate(settings, token).getName()).isEqualTo("reviewer-7");
    } else {
      assertThatThrownBy(() -> authenticate(settings, token))
          .isInstanceOf(InvalidBearerTokenException.class);
    }
  }

  @Test
  void aKeyTheJwkSetDoesNotHoldIsRefused() {
    var settings = jwkSet(StaffJwts.jwkSetUri(), "RS256");
    var token = StaffJwts.reviewer("reviewer-7").signedWithAnotherKey().compact();

    assertThatThrownBy(() -> authenticate(settings, token))
        .isInstanceOf(InvalidBearerTokenException.class);
  }

  /**
   * Nothing listens where the keys should be: the token is not at fault, so this is no refusal of
   * it (which would be a 401) but a failure of the service behind it, which the chain answers 503.
   */
  @ParameterizedTest(name = "an unreachable {0} is an authentication service failure")
  @ValueSource(strings = {"jwk-set-uri", "issuer-uri"})
  void anUnreachableIdentityProviderIsNotTheTokensFault(String source) {
    var unreachable = StaffJwts.unreachableJwkSetUri();
    var settings =
        new PrequalProperties.StaffJwt(
            source.equals("issuer-uri") ? unreachable : StaffJwts.ISSUER,
            source.equals("jwk-set-uri") ? unreachable : null,
            null,
            List.of(StaffJwts.AUDIENCE),
            List.of(SignatureAlgorithm.RS256));
    var token = StaffJwts.reviewer("reviewer-7").compact();

    assertThatThrownBy(() -> authenticate(settings, token))
        .isExactlyInstanceOf(AuthenticationServiceException.class)
        .hasMessageContaining(unreachable)
        .message()
        .doesNotContain(token);
  }

  /** Through the provider the staff chain uses, trusting the test RSA key, issuer and audience. */
  private static Authentication authenticate(String token) {
    return authenticate(
        new PrequalProperties.StaffJwt(
            StaffJwts.ISSUER,
            null,
            StaffJwts.publicKeyLocation(),
            List.of(StaffJwts.AUDIENCE),
            List.of(SignatureAlgorithm.RS256)),
        token);
  }

  private static Authentication authenticate(PrequalProperties.StaffJwt settings, String token) {
    var staff = new PrequalProperties.Staff(settings, "roles", "preferred_username", false);
    return StaffTokens.provider(staff, new DefaultResourceLoader())
        .authenticate(new BearerTokenAuthenticationToken(token));
  }

  private static PrequalProperties.StaffJwt jwkSet(String uri, String algorithms) {
    return new PrequalProperties.StaffJwt(
        StaffJwts.ISSUER,
        uri,
        null,
        List.of(StaffJwts.AUDIENCE),
        Arrays.stream(algorithms.split(",", -1)).map(SignatureAlgorithm::from).toList());
  }

  private static Jwt jwt(Map<String, Object> claims) {
    return Jwt.withTokenValue("token").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
  }
}
