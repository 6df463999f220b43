package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may reach the management endpoints: nothing of the actuator is on the public port. */
class ManagementAccessIT extends EndToEndTest {

  private static final String CONTEXT_MBEAN =
      "org.apache.camel:context=loan-prequal,type=context,name=\"loan-prequal\"";

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

  private static void assertNotFoundAsJson(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    var json = readTree(response.body());
    assertThat(json.get("error").asText()).isEqualTo("Not Found");
    assertThat(json.get("message").asText()).isEqualTo("No such resource");
  }
}
