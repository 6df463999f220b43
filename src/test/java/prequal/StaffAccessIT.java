package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.StaffJwts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may use the staff endpoints on the running service: a bearer JWT from the lender's identity
 * provider with the REVIEWER role, nothing less; every refusal in the JSON error shape the contract
 * declares. The applicant's status endpoint stays open, and the local run's Basic users are off
 * here, as everywhere but the local run.
 */
class StaffAccessIT extends EndToEndTest {

  private static final String INVALID_TOKEN =
      "Bearer realm=\"loan-prequal staff\", error=\"invalid_token\"";

  private UUID id;

  @BeforeEach
  void decidedApplication() {
    id = submit(application("ABCDE1234F", "Rajesh Kumar", "75000.00", "500000.00", "PERSONAL"));
    awaitDecision(id);
  }

  @ParameterizedTest(name = "{0} without credentials is a JSON 401 with a Bearer challenge")
  @ValueSource(strings = {"", "/events"})
  void withoutCredentialsTheStaffEndpointsAnswer401(String suffix) {
    var response = api().get("/applications/" + id + suffix);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"loan-prequal staff\"");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(readTree(response.body()))
        .isEqualTo(
            readTree(
                "{\"error\":\"Unauthorized\",\"message\":\"Staff authentication is required\"}"));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    assertInvalidToken(StaffJwts.reviewer("reviewer-7").signedWithAnotherKey().header());
  }

  @Test
  void anExpiredTokenIsRefused() {
    // Beyond the minute of clock skew allowed.
    assertInvalidToken(StaffJwts.reviewer("reviewer-7").expiredAgo(Duration.ofMinutes(5)).header());
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    assertInvalidToken(
        StaffJwts.reviewer("reviewer-7").issuedBy("https://idp.elsewhere.test").header());
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    assertInvalidToken(StaffJwts.reviewer("reviewer-7").forAudience("another-app").header());
  }

  @Test
  void somethingThatIsNotAJwtIsRefused() {
    assertInvalidToken(Map.of("Authorization", "Bearer not-a-jwt"));
  }

  @Test
  void theOperatorTokenIsNoStaffCredential() {
    assertInvalidToken(Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));
  }

  @ParameterizedTest(name = "{0} with a valid token without REVIEWER is a JSON 403")
  @ValueSource(strings = {"", "/events"})
  void aStaffMemberWithoutTheReviewerRoleIsForbidden(String suffix) {
    var response =
        api().get("/applications/" + id + suffix, StaffJwts.staff("clerk-3", "CLERK").header());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(readTree(response.body()))
        .isEqualTo(
            readTree("{\"error\":\"Forbidden\",\"message\":\"The REVIEWER role is required\"}"));
  }

  @ParameterizedTest(name = "{0} with a REVIEWER token answers 200")
  @ValueSource(strings = {"", "/events"})
  void aReviewerIsLetIn(String suffix) {
    var response =
        api().get("/applications/" + id + suffix, StaffJwts.reviewer("reviewer-7").header());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(readTree(response.body()).get("application_id").asText()).isEqualTo(id.toString());
  }

  /** RFC 9068 access tokens, as Keycloak, Auth0 and Okta issue them, and plain JWTs. */
  @ParameterizedTest(name = "a REVIEWER token with typ {0} answers 200")
  @ValueSource(strings = {"JWT", "at+jwt", "application/at+jwt"})
  void aReviewersAccessTokenIsLetInWhateverItsUsualType(String type) {
    var response =
        api().get("/applications/" + id, StaffJwts.reviewer("reviewer-7").typed(type).header());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(readTree(response.body()).get("application_id").asText()).isEqualTo(id.toString());
  }

  /** Each verified with the identity provider's JWK set, under the default algorithms. */
  @ParameterizedTest(name = "a REVIEWER token signed {0} answers 200")
  @ValueSource(strings = {"RS256", "RS512", "PS256", "ES256", "ES384", "ES512"})
  void aReviewersTokenIsLetInWhicheverUsualAlgorithmSignedIt(String algorithm) {
    var response =
        api()
            .get(
                "/applications/" + id + "/events",
                StaffJwts.reviewer("reviewer-7").signedWith(algorithm).header());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(readTree(response.body()).get("application_id").asText()).isEqualTo(id.toString());
  }

  @Test
  void aTokenOfAnotherTypeIsRefused() {
    assertInvalidToken(StaffJwts.reviewer("reviewer-7").typed("secevent+jwt").header());
  }

  @Test
  void theLocalRunsBasicUsersAreOffOutsideTheLocalRun() {
    var basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("reviewer-1:reviewer-1".getBytes(StandardCharsets.UTF_8));

    var response = api().get("/applications/" + id, Map.of("Authorization", basic));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"loan-prequal staff\"");
  }

  @Test
  void theApplicantsStatusStaysOpenWhateverIsSent() {
    assertThat(api().get("/applications/" + id + "/status").statusCode()).isEqualTo(200);
    assertThat(
            api()
                .get(
                    "/applications/" + id + "/status",
                    StaffJwts.reviewer("reviewer-7").signedWithAnotherKey().header())
                .statusCode())
        .isEqualTo(200);
  }

  /**
   * The contract's binding reaches a route with a trailing slash too, and compares paths ignoring
   * case (the Spring MVC mapping in front of it does not, so those reach no route today): security
   * matches all of these spellings, so none of them is a way round it.
   */
  @ParameterizedTest(name = "{0} needs the same credentials")
  @ValueSource(
      strings = {
        "/applications/{id}/",
        "/applications/{id}/events/",
        "/APPLICATIONS/{id}",
        "/Applications/{id}/Events"
      })
  void otherSpellingsOfTheStaffPathsNeedTheSameCredentials(String path) {
    var url = path.replace("{id}", id.toString());

    assertThat(raw(url, Map.of()).statusCode()).isEqualTo(401);
    assertThat(raw(url, StaffJwts.staff("clerk-3", "CLERK").header()).statusCode()).isEqualTo(403);
  }

  @ParameterizedTest(name = "{0} answers a reviewer")
  @ValueSource(strings = {"/applications/{id}/", "/applications/{id}/events/"})
  void aTrailingSlashReachesTheRouteForAReviewer(String path) {
    var response =
        raw(path.replace("{id}", id.toString()), StaffJwts.reviewer("reviewer-7").header());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(readTree(response.body()).get("application_id").asText()).isEqualTo(id.toString());
  }

  @Test
  void everythingUnderReviewsNeedsAReviewer() {
    var unauthenticated = raw("/reviews/tasks", Map.of());
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(readTree(unauthenticated.body()).get("error").asText()).isEqualTo("Unauthorized");
    assertThat(raw("/reviews", StaffJwts.staff("clerk-3", "CLERK").header()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aClientCannotNameItselfThroughHeadersOrParameters() {
    var spoofed =
        raw(
            "/applications/" + id + "?CamelHttpServletRequest=x&staffMember=reviewer-1",
            Map.of(
                "X-Forwarded-User", "reviewer-1",
                "Remote-User", "reviewer-1",
                "CamelHttpServletRequest", "reviewer-1"));

    assertThat(spoofed.statusCode()).isEqualTo(401);
  }

  @Test
  void aStaffScreenFromAnAllowedOriginMaySendItsToken() throws Exception {
    var preflight =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/applications/" + id))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3000")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    // A preflight carries no credentials: it is answered before the staff chain.
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .containsIgnoringCase("Authorization");
  }

  private void assertInvalidToken(Map<String, String> authorization) {
    var response = api().get("/applications/" + id, authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(INVALID_TOKEN);
    assertThat(readTree(response.body()))
        .isEqualTo(
            readTree("{\"error\":\"Unauthorized\",\"message\":\"The bearer token is not valid\"}"));
  }

  /** Outside the contract's paths, so not through the validating client. */
  private HttpResponse<String> raw(String path, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET();
    headers.forEach(request::header);
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
