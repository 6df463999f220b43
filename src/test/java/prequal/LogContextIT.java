package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every log line about an application names it, the request it came from, the role and the route
 * that logged it, whichever thread did; and a thread that goes on to other work keeps none of it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogContextIT extends EndToEndTest {

  @Test
  void eachRoleLogsTheApplicationItHandlesWithItsContext(CapturedOutput output) {
    var correlationId = "log-context-" + UUID.randomUUID();
    var response =
        api()
            .post(
                "/applications",
                "application/json",
                application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "PERSONAL"),
                Map.of("X-Correlation-ID", correlationId));
    assertThat(response.statusCode()).isEqualTo(202);
    var id = readTree(response.body()).get("application_id").asText();
    awaitDecision(UUID.fromString(id));
    // Another application afterwards: its lines must not carry the first one's ids.
    var other = submit(application("FGHIJ5678K", "Priya Sharma", "75000", "500000", "HOME"));
    awaitDecision(other);

    var lines =
        output
            .getAll()
            .lines()
            .filter(line -> line.startsWith("{"))
            .map(EndToEndTest::readTree)
            .toList();
    var received = onlyLine(lines, "Application received", id);
    assertThat(received.path("correlation_id").asText()).isEqualTo(correlationId);
    assertThat(received.path("service").asText()).isEqualTo("prequal-api");
    assertThat(received.path("route_id").asText()).isEqualTo("submit-application");
    var decided = onlyLine(lines, "Decided", id);
    assertThat(decided.path("correlation_id").asText()).isEqualTo(correlationId);
    assertThat(decided.path("service").asText()).isEqualTo("decision-service");
    assertThat(decided.path("route_id").asText()).isEqualTo("decision");

    var otherLines =
        lines.stream()
            .filter(line -> other.toString().equals(line.path("application_id").asText()))
            .toList();
    assertThat(otherLines).isNotEmpty();
    assertThat(otherLines)
        .allSatisfy(
            line -> assertThat(line.path("correlation_id").asText()).isNotEqualTo(correlationId));
  }

  private static JsonNode onlyLine(List<JsonNode> lines, String message, String id) {
    var matching =
        lines.stream()
            .filter(line -> line.path("message").asText().startsWith(message))
            .filter(line -> id.equals(line.path("application_id").asText()))
            .toList();
    assertThat(matching).as("%s lines for %s", message, id).hasSize(1);
    return matching.get(0);
  }
}
