package web;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.StaffJwts;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import prequal.PrequalProperties;

/**
 * The staff chain alone, in front of a stand-in endpoint that answers with the {@link StaffMember}
 * the chain handed it: as the local run configures it (its Basic users on), and as a lender whose
 * identity provider names staff in {@code employee_id} and lists roles in Keycloak's {@code
 * realm_access.roles}; and, in a context of its own, with that provider away.
 */
@SpringBootTest(
    classes = StaffSecurityTest.Slice.class,
    properties = {
      "prequal.staff.local-users=true",
      "prequal.staff.id-claim=employee_id",
      "prequal.staff.roles-claim=realm_access.roles",
      "prequal.staff.jwt.issuer-uri=" + StaffJwts.ISSUER
    })
@AutoConfigureMockMvc
class StaffSecurityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BEARER = "Bearer realm=\"loan-prequal staff\"";
  private static final String BASIC = "Basic realm=\"loan-prequal staff\"";

  @Autowired private MockMvc mvc;

  @DynamicPropertySource
  static void staffKey(DynamicPropertyRegistry registry) {
    registry.add("prequal.staff.jwt.public-key-location", StaffJwts::publicKeyLocation);
  }

  @Test
  void aBuiltInReviewerSignsInWithBasic() throws Exception {
    var result = call(get("/applications/42").header("Authorization", basic("reviewer-2")));

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(member(result)).isEqualTo(new StaffMember("reviewer-2", Set.of("REVIEWER")));
  }

  @Test
  void aWrongPasswordIsAJson401NamingBothWaysIn() throws Exception {
    var result =
        call(
            get("/applications/42/events")
                .header("Authorization", basic("reviewer-1", "reviewer-2")));

    assertThat(result.getResponse().getStatus()).isEqualTo(401);
    assertThat(result.getResponse().getHeaders("WWW-Authenticate")).containsExactly(BEARER, BASIC);
    assertThat(body(result))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"Unauthorized\",\"message\":\"The user name or password is not"
                    + " valid\"}"));
  }

  @Test
  void noCredentialsNamesBothChallenges() throws Exception {
    var result = call(get("/reviews/tasks"));

    assertThat(result.getResponse().getStatus()).isEqualTo(401);
    assertThat(result.getResponse().getHeaders("WWW-Authenticate")).containsExactly(BEARER, BASIC);
    assertThat(result.getResponse().getContentType()).isEqualTo("application/json");
  }

  @Test
  void anotherAccountOfTheApplicationDoesNotSignInHere() throws Exception {
    var result =
        call(get("/applications/42").header("Authorization", basic("admin", "prequal-console")));

    assertThat(result.getResponse().getStatus()).isEqualTo(401);
  }

  @Test
  void theIdAndTheRolesComeFromTheConfiguredClaims() throws Exception {
    var token =
        StaffJwts.withClaims(
            Map.of(
                "sub", "0c4e1a52",
                "preferred_username", "asha.verma",
                "employee_id", "E-1042",
                "realm_access", Map.of("roles", List.of("REVIEWER", "offline_access"))));

    var result = call(get("/reviews/tasks/7").header("Authorization", bearer(token)));

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(member(result))
        .isEqualTo(new StaffMember("E-1042", Set.of("REVIEWER", "offline_access")));
  }

  @Test
  void withoutTheIdClaimTheSubjectNamesTheMember() throws Exception {
    var token =
        StaffJwts.withClaims(
            Map.of("sub", "0c4e1a52", "realm_access", Map.of("roles", List.of("REVIEWER"))));

    var result = call(post("/reviews/tasks/7/claim").header("Authorization", bearer(token)));

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(member(result).id()).isEqualTo("0c4e1a52");
  }

  @Test
  void rolesInAnotherClaimThanTheConfiguredOneDoNotCount() throws Exception {
    var token = StaffJwts.withClaims(Map.of("employee_id", "E-1042", "roles", List.of("REVIEWER")));

    var result = call(get("/applications/42").header("Authorization", bearer(token)));

    assertThat(result.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(result))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"Forbidden\",\"message\":\"The REVIEWER role is required\"}"));
  }

  @Test
  void theOtherPathsPassNoStaffSecurity() throws Exception {
    var status = call(get("/applications/42/status"));
    var erasure = call(delete("/applications/42").header("Authorization", "Bearer operator"));

    assertThat(status.getResponse().getStatus()).isEqualTo(200);
    assertThat(status.getResponse().getContentAsString()).isEmpty();
    assertThat(erasure.getResponse().getStatus()).isEqualTo(200);
  }

  private MvcResult call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn();
  }

  /**
   * The chain in its own context, its JWK set URI at a local port nothing listens on: the lender's
   * identity provider is away.
   */
  @Nested
  @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
  @SpringBootTest(classes = Slice.class)
  @AutoConfigureMockMvc
  @ExtendWith(OutputCaptureExtension.class)
  class WhileTheIdentityProviderIsAway {

    private static final String UNREACHABLE = StaffJwts.unreachableJwkSetUri();

    @Autowired private MockMvc away;

    @DynamicPropertySource
    static void unreachableJwkSet(DynamicPropertyRegistry registry) {
      registry.add("prequal.staff.jwt.jwk-set-uri", () -> UNREACHABLE);
    }

    @ParameterizedTest(name = "{0} with a token is a JSON 503 to retry in 5 s")
    @ValueSource(strings = {"/applications/42", "/applications/42/events", "/reviews/tasks"})
    void aTokenThatCannotBeCheckedIsA503(String path, CapturedOutput output) throws Exception {
      var token = StaffJwts.reviewer("reviewer-7").compact();

      var result = away.perform(get(path).header("Authorization", "Bearer " + token)).andReturn();

      assertThat(result.getResponse().getStatus()).isEqualTo(503);
      assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("5");
      assertThat(result.getResponse().getHeaders("WWW-Authenticate")).isEmpty();
      assertThat(result.getResponse().getContentType()).isEqualTo("application/json");
      assertThat(body(result))
          .isEqualTo(
              JSON.readTree(
                  "{\"error\":\"Service Unavailable\",\"message\":\"The identity provider that"
                      + " verifies staff tokens is unavailable, retry later\"}"));
      assertThat(output.getOut().lines().filter(line -> line.contains("Staff token not checked")))
          .singleElement(as(InstanceOfAssertFactories.STRING))
          .contains("WARN", "the identity provider is unavailable", UNREACHABLE);
      assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void withoutATokenItIsStillA401() throws Exception {
      var result = away.perform(get("/reviews/tasks")).andReturn();

      assertThat(result.getResponse().getStatus()).isEqualTo(401);
      assertThat(result.getResponse().getHeaders("WWW-Authenticate")).containsExactly(BEARER);
    }

    @Test
    void aTokenThatIsNotAJwtIsStillRefusedWithoutAskingTheProvider() throws Exception {
      var result =
          away.perform(get("/applications/42").header("Authorization", "Bearer not-a-jwt"))
              .andReturn();

      assertThat(result.getResponse().getStatus()).isEqualTo(401);
      assertThat(body(result).get("message").asText()).isEqualTo("The bearer token is not valid");
    }
  }

  private static StaffMember member(MvcResult result) throws Exception {
    return JSON.readValue(result.getResponse().getContentAsString(), StaffMember.class);
  }

  private static JsonNode body(MvcResult result) throws Exception {
    return JSON.readTree(result.getResponse().getContentAsString());
  }

  private static String basic(String user) {
    return basic(user, user);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer(StaffJwts token) {
    return "Bearer " + token.compact();
  }

  /**
   * The staff chain, the settings and the web layer; an application-wide account like the console's
   * beside it, which the staff chain must not accept.
   */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    JacksonAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
  })
  @EnableConfigurationProperties(PrequalProperties.class)
  @Import({StaffSecurity.class, WhoCalled.class})
  static class Slice {

    @Bean
    UserDetailsService applicationWideAccount() {
      return new InMemoryUserDetailsManager(
          User.withUsername("admin").password("{noop}prequal-console").roles("CONSOLE").build());
    }
  }

  /** Stands in for the routes: answers with the member the chain handed on, or null. */
  @RestController
  static class WhoCalled {

    @RequestMapping({
      "/applications/{id}",
      "/applications/{id}/events",
      "/applications/{id}/status",
      "/reviews/**"
    })
    Object who(HttpServletRequest request) {
      return request.getAttribute(StaffMember.REQUEST_ATTRIBUTE);
    }
  }
}
