package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may reach the management endpoints, and what Jolokia lets the console do: nothing of the
 * actuator on the public port; on the management port, reads of any MBean, and of the operations
 * only a route's start, stop, suspend and resume, only by POST, only from the console's own origin.
 */
class ManagementAccessIT extends EndToEndTest {

  private static final String ROUTE = "outbox-backlog-monitor";
  private static final String ROUTE_MBEAN =
      "org.apache.camel:context=loan-prequal,type=routes,name=\"" + ROUTE + "\"";
  private static final String CONTEXT_MBEAN =
      "org.apache.camel:context=loan-prequal,type=context,name=\"loan-prequal\"";
  private static final String ROUTE_MBEAN_IN_A_URL =
      "org.apache.camel:context=loan-prequal,type=routes,name=%22" + ROUTE + "%22";

  @ParameterizedTest(name = "GET {0} on the public port is the JSON 404")
  @ValueSource(
      strings = {
        "/actuator",
        "/actuator/prometheus",
        "/actuator/health/readiness",
        "/actuator/hawtio/index.html",
        "/actuator/hawtio/auth/config/",
        "/actuator/jolokia/version",
        "/actuator/jolokia/exec/java.lang:type=Memory/gc"
      })
  void publicPortServesNothingOfTheActuator(String path) {
    // The same plain client as for the management port, pointed at the public one.
    var response = new ManagementClient(port).get(path, ManagementClient.consoleAccount());

    assertNotFoundAsJson(response);
  }

  @Test
  void publicPortTakesNoJolokiaPost() {
    var response =
        new ManagementClient(port)
            .post("/actuator/jolokia", exec(CONTEXT_MBEAN, "getUptime()"), Map.of());

    assertNotFoundAsJson(response);
  }

  @Test
  void anyMBeanCanBeRead() {
    var response =
        management()
            .get(
                "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage",
                ManagementClient.consoleAccount());

    assertThat(response.statusCode()).isEqualTo(200);
    var json = readTree(response.body());
    assertThat(json.get("status").asInt()).isEqualTo(200);
    assertThat(json.get("value").get("used").asLong()).isPositive();
  }

  @Test
  void anOperatorStopsAndStartsARouteByPost() throws Exception {
    var console = management().consoleAccountWithCsrfToken();
    try {
      var stop = management().post("/actuator/jolokia", exec(ROUTE_MBEAN, "stop()"), console);

      assertThat(jolokiaStatus(stop)).isEqualTo(200);
      assertThat(routeStatus()).isEqualTo(ServiceStatus.Stopped);

      var start = management().post("/actuator/jolokia", exec(ROUTE_MBEAN, "start()"), console);

      assertThat(jolokiaStatus(start)).isEqualTo(200);
      assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
    } finally {
      camelContext.getRouteController().startRoute(ROUTE);
    }
  }

  @ParameterizedTest(name = "GET {0} is refused")
  @ValueSource(
      strings = {
        "/actuator/jolokia/exec/java.lang:type=Memory/gc",
        "/actuator/jolokia/exec/" + ROUTE_MBEAN_IN_A_URL + "/stop()",
        "/actuator/jolokia/?p=/exec/" + ROUTE_MBEAN_IN_A_URL + "/stop()",
        "/actuator/hawtio/jolokia/exec/" + ROUTE_MBEAN_IN_A_URL + "/stop()",
        "/actuator/jolokia/write/java.lang:type=Memory/Verbose/true"
      })
  void aGetNeverRunsAnOperation(String path) {
    var response = management().get(path, ManagementClient.consoleAccount());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(readTree(response.body()).get("error").asText())
        .isEqualTo("A GET may only read (version, read, list, search); send operations by POST");
    assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
  }

  @Test
  void theCamelContextSendsAndRequestsNothing() {
    var operations =
        readTree(
                management()
                    .get(
                        "/actuator/jolokia/list/org.apache.camel/"
                            + "context=loan-prequal,type=context,name=%22loan-prequal%22/op",
                        ManagementClient.consoleAccount())
                    .body())
            .get("value");
    assertThat(operations.has("sendBody")).as("the context offers sendBody").isTrue();
    assertThat(operations.has("requestBody")).as("the context offers requestBody").isTrue();
    var console = management().consoleAccountWithCsrfToken();

    for (var operation :
        List.of(
            "sendBody(java.lang.String,java.lang.Object)",
            "requestBody(java.lang.String,java.lang.Object)")) {
      var response =
          management()
              .post(
                  "/actuator/jolokia",
                  exec(CONTEXT_MBEAN, operation, "log:jolokia-policy", "probe"),
                  console);

      assertForbidden(response, operation);
    }
  }

  @Test
  void nothingUnderComSunManagementRuns() {
    var response =
        management()
            .post(
                "/actuator/jolokia",
                exec(
                    "com.sun.management:type=HotSpotDiagnostic",
                    "getVMOption(java.lang.String)",
                    "MaxHeapSize"),
                management().consoleAccountWithCsrfToken());

    assertForbidden(response, "getVMOption(java.lang.String)");
  }

  @Test
  void operationsOutsideTheRoutesAndWritesAreDenied() {
    var console = management().consoleAccountWithCsrfToken();
    var write = JSON.createObjectNode();
    write.put("type", "write");
    write.put("mbean", "java.lang:type=Memory");
    write.put("attribute", "Verbose");
    write.put("value", true);

    assertForbidden(
        management().post("/actuator/jolokia", exec("java.lang:type=Memory", "gc()"), console),
        "gc()");
    assertThat(jolokiaStatus(management().post("/actuator/jolokia", write.toString(), console)))
        .isEqualTo(403);
  }

  @Test
  void otherOriginsAreRefused() {
    var fromElsewhere = new HashMap<>(ManagementClient.consoleAccount());
    fromElsewhere.put("Origin", "http://attacker.example");
    var fromTheConsole = new HashMap<>(ManagementClient.consoleAccount());
    fromTheConsole.put("Origin", "http://localhost:" + managementPort);

    var refused = management().get("/actuator/jolokia/version", fromElsewhere);
    var answered = management().get("/actuator/jolokia/version", fromTheConsole);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(answered.statusCode()).isEqualTo(200);
  }

  @Test
  void theSessionKeepsTheConsoleSignedIn() {
    var signedIn = management().get("/actuator/jolokia/version", ManagementClient.consoleAccount());
    var session =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(cookie -> cookie.startsWith("JSESSIONID="))
            .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
            .findFirst()
            .orElseThrow();

    var withTheSession = management().get("/actuator/jolokia/version", Map.of("Cookie", session));
    var withNothing = management().get("/actuator/jolokia/version", Map.of());

    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(withTheSession.statusCode()).isEqualTo(200);
    assertThat(withNothing.statusCode()).isEqualTo(401);
  }

  private ServiceStatus routeStatus() {
    return camelContext.getRouteController().getRouteStatus(ROUTE);
  }

  private static String exec(String mbean, String operation, String... arguments) {
    var request = JSON.createObjectNode();
    request.put("type", "exec");
    request.put("mbean", mbean);
    request.put("operation", operation);
    var list = request.putArray("arguments");
    for (var argument : arguments) {
      list.add(argument);
    }
    return request.toString();
  }

  /** Jolokia answers HTTP 200 and puts the outcome of the request in the body. */
  private static int jolokiaStatus(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return readTree(response.body()).get("status").asInt();
  }

  private static void assertForbidden(HttpResponse<String> response, String operation) {
    assertThat(jolokiaStatus(response)).as(response.body()).isEqualTo(403);
    JsonNode json = readTree(response.body());
    assertThat(json.get("error").asText()).contains("Operation " + operation + " forbidden");
  }

  private static void assertNotFoundAsJson(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    var json = readTree(response.body());
    assertThat(json.get("error").asText()).isEqualTo("Not Found");
    assertThat(json.get("message").asText()).isEqualTo("No such resource");
  }
}
