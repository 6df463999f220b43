package web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import prequal.PrequalProperties;

/** Reading a valid token into the staff member: which claims name them and list their roles. */
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
                    null, "https://idp.lender.example/jwks", "file:/etc/key.pem", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
    assertThat(new PrequalProperties.StaffJwt(null, null, null, null).configured()).isFalse();
    assertThat(
            new PrequalProperties.StaffJwt("https://idp.lender.example", null, null, List.of(""))
                .audiences())
        .isEmpty();
  }

  private static Jwt jwt(Map<String, Object> claims) {
    return Jwt.withTokenValue("token").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
  }
}
