package web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.OwnDatabase;
import harness.ApplicationStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import prequal.ApiClient;
import prequal.EmbeddedInfrastructure;
import prequal.PrequalApplication;

/**
 * The API with a rate limit of one POST per ten seconds after a burst of two, over HTTP: what a
 * client that sends faster sees, and what it cannot do about it.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = PrequalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prequal.roles=api",
      "prequal.rate-limit.per-second=0.1",
      "prequal.rate-limit.burst=2",
      "management.server.port=0"
    })
@Import(OwnDatabase.class)
class RateLimitingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY =
      new ApplicationStream.Application(
              "ABCDE1234F",
              "Rajesh Kumar",
              new BigDecimal("250000"),
              new BigDecimal("500000"),
              "PERSONAL")
          .toJson();

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.register(registry);
  }

  @Test
  void beyondTheBurstAClientIsRefusedWith429AndToldWhenToRetry() throws Exception {
    var api = new ApiClient(port);
    var refusals = meters.counter("prequal.http.rate.limited");
    var before = refusals.count();
    // The header names another client, but nothing trusted this proxy: it is the same client.
    var spoofed = Map.of("X-Forwarded-For", "198.51.100.9");

    var first = api.post("/applications", "application/json", BODY);
    var second = api.post("/applications", "application/json", BODY, spoofed);
    var third = api.post("/applications", "application/json", BODY, spoofed);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
    var error = JSON.readTree(third.body());
    assertThat(error.get("error").asText()).isEqualTo("Too Many Requests");
    assertThat(error.get("message").asText()).startsWith("Too many requests from this client");
    assertThat(third.headers().firstValue("X-Correlation-ID")).isPresent();
    assertThat(refusals.count()).isEqualTo(before + 1);
  }

  @Test
  void readsAreNotLimited() {
    var api = new ApiClient(port);

    for (int i = 0; i < 5; i++) {
      assertThat(api.get("/health").statusCode()).isEqualTo(200);
    }
  }
}
