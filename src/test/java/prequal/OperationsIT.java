package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.CreditReportMessage;
import fixtures.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of the running service on its management port: Prometheus metrics that move
 * with real traffic, the liveness and readiness probes, and hawtio and Jolokia behind the console
 * account.
 */
class OperationsIT extends EndToEndTest {

  private static final Duration MEASURED = Duration.ofSeconds(20);
  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void decisionsAreCountedByOutcome() {
    var rejected = Map.of("outcome", "REJECTED");
    var before = metric("prequal_decisions_total", rejected);

    awaitDecision(submit(application("FGHIJ5678K", "Priya Sharma", "75000", "500000", "HOME")));

    await()
        .atMost(MEASURED)
        .untilAsserted(
            () -> assertThat(metric("prequal_decisions_total", rejected)).isEqualTo(before + 1));
  }

  @Test
  void deadLettersAreCountedByRouteAndErrorClass() throws Exception {
    var labels = Map.of("route", "decision", "error_class", "decision.UnknownApplicationException");
    var before = metricOrZero("prequal_dead_letters_total", labels);
    var id = UUID.randomUUID();

    try (var producer = KafkaTestClients.producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CREDIT_REPORTS,
                  id.toString(),
                  CreditReportMessage.of(id).correlationId("operations-test").toJson()))
          .get();
    }

    await()
        .atMost(MEASURED)
        .untilAsserted(
            () ->
                assertThat(metricOrZero("prequal_dead_letters_total", labels))
                    .isEqualTo(before + 1));
  }

  @Test
  void routesRequestsAndThePoolAreMeasured() {
    var submitted = Map.of("routeId", "submit-application", "eventType", "route");
    var accepted = Map.of("uri", "/applications", "method", "POST", "status", "202");
    var routeBefore = metricOrZero("camel_exchanges_total", submitted);
    var requestsBefore = metricOrZero("http_server_requests_seconds_count", accepted);

    awaitDecision(
        submit(application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "PERSONAL")));

    assertThat(metric("camel_exchanges_total", submitted)).isEqualTo(routeBefore + 1);
    assertThat(metric("camel_exchanges_failed_total", submitted)).isZero();
    assertThat(metric("camel_route_policy_seconds_count", submitted)).isEqualTo(routeBefore + 1);
    assertThat(metric("http_server_requests_seconds_count", accepted))
        .isEqualTo(requestsBefore + 1);
    assertThat(metric("hikaricp_connections_max", Map.of())).isEqualTo(20);
  }

  @Test
  void outboxBacklogShowsWhatTheRelayHasNotPublished() throws Exception {
    var routes = camelContext.getRouteController();
    routes.stopRoute("outbox-relay");
    try {
      var id = submit(application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "AUTO"));
      measureNow("outbox-backlog-monitor");

      await()
          .atMost(MEASURED)
          .untilAsserted(
              () -> {
                assertThat(metric("prequal_outbox_backlog", Map.of())).isEqualTo(1);
                assertThat(metric("prequal_outbox_oldest_unpublished_age_seconds", Map.of()))
                    .isPositive();
              });

      routes.startRoute("outbox-relay");
      awaitDecision(id);
      measureNow("outbox-backlog-monitor");

      await()
          .atMost(MEASURED)
          .untilAsserted(
              () -> {
                assertThat(metric("prequal_outbox_backlog", Map.of())).isZero();
                assertThat(metric("prequal_outbox_oldest_unpublished_age_seconds", Map.of()))
                    .isZero();
              });
    } finally {
      routes.startRoute("outbox-relay");
    }
  }

  @Test
  void consumerLagShowsWhatTheCreditGroupHasNotProcessed() throws Exception {
    var routes = camelContext.getRouteController();
    routes.stopRoute("credit-scoring");
    try {
      var id = submit(application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "HOME"));
      await()
          .atMost(MEASURED)
          .until(
              () ->
                  jdbc.queryForObject(
                      "SELECT published_at IS NOT NULL FROM outbox WHERE topic = '"
                          + Topics.SUBMITTED
                          + "' AND message_key = ?",
                      Boolean.class,
                      id.toString()));
      measureNow("consumer-lag-monitor");

      await().atMost(MEASURED).untilAsserted(() -> assertThat(creditGroupLag()).isEqualTo(1));

      routes.startRoute("credit-scoring");
      await().atMost(MEASURED).until(() -> !"PENDING".equals(status(id)));
      measureNow("consumer-lag-monitor");

      await().atMost(MEASURED).untilAsserted(() -> assertThat(creditGroupLag()).isZero());
    } finally {
      routes.startRoute("credit-scoring");
    }
  }

  @Test
  void probesReportWhatTheRolesUse() {
    var readiness = get("/actuator/health/readiness", Map.of());
    var liveness = get("/actuator/health/liveness", Map.of());

    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(componentsOf(readiness))
        .containsExactlyInAnyOrder("readinessState", "camelReadinessState", "db");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(componentsOf(liveness))
        .containsExactlyInAnyOrder("livenessState", "camelLivenessState");
  }

  @Test
  void consoleAndJolokiaNeedTheConsoleAccount() {
    assertThat(get("/actuator/hawtio/index.html", Map.of()).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/jolokia/version", Map.of()).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/jolokia/version", basic("admin", "wrong")).statusCode())
        .isEqualTo(401);

    var version =
        get("/actuator/jolokia/version", basic("admin", DefaultCredentials.CONSOLE_PASSWORD));

    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(readTree(version.body()).get("value").get("agent").asText()).isNotBlank();
  }

  @Test
  void hawtioFindsEveryRouteByItsRouteId() {
    var search =
        get(
            "/actuator/jolokia/search/org.apache.camel:context=loan-prequal,type=routes,*",
            basic("admin", DefaultCredentials.CONSOLE_PASSWORD));

    assertThat(search.statusCode()).isEqualTo(200);
    var names = new HashSet<String>();
    readTree(search.body()).get("value").forEach(name -> names.add(name.asText()));
    assertThat(names)
        .map(name -> name.replaceAll(".*name=\"([^\"]+)\".*", "$1"))
        .contains(
            "submit-application",
            "application-status",
            "health",
            "outbox-relay",
            "outbox-backlog-monitor",
            "credit-scoring",
            "decision",
            "consumer-lag-monitor");
  }

  @Test
  void jolokiaPostsMustCarryTheTokenHawtioEchoes() {
    var account = basic("admin", DefaultCredentials.CONSOLE_PASSWORD);
    var read = JSON.createObjectNode();
    read.put("type", "read");
    read.put("mbean", "org.apache.camel:context=loan-prequal,type=routes,name=\"decision\"");
    read.put("attribute", "RouteId");
    var body = read.toString();

    assertThat(post("/actuator/jolokia", body, account).statusCode()).isEqualTo(403);

    var page = get("/actuator/hawtio/index.html", account);
    var token =
        page.headers().allValues("Set-Cookie").stream()
            .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
            .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
            .findFirst()
            .orElseThrow();
    var withToken = new HashMap<>(account);
    withToken.put("Cookie", "XSRF-TOKEN=" + token);
    withToken.put("X-XSRF-TOKEN", token);
    var answer = post("/actuator/jolokia", body, withToken);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(readTree(answer.body()).get("value").asText()).isEqualTo("decision");
  }

  private void measureNow(String monitorRoute) throws Exception {
    // A restarted timer fires after its initial delay, long before the next period.
    camelContext.getRouteController().stopRoute(monitorRoute);
    camelContext.getRouteController().startRoute(monitorRoute);
  }

  private double creditGroupLag() {
    return scrape().stream()
        .filter(sample -> sample.name().equals("prequal_consumer_lag"))
        .filter(sample -> "credit-service-group".equals(sample.labels().get("group")))
        .mapToDouble(Sample::value)
        .sum();
  }

  private double metric(String name, Map<String, String> labels) {
    return find(name, labels)
        .orElseThrow(() -> new AssertionError("No " + name + " " + labels + " in the scrape"));
  }

  private double metricOrZero(String name, Map<String, String> labels) {
    return find(name, labels).orElse(0.0);
  }

  private Optional<Double> find(String name, Map<String, String> labels) {
    return scrape().stream()
        .filter(sample -> sample.name().equals(name))
        .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
        .map(Sample::value)
        .findFirst();
  }

  private List<Sample> scrape() {
    var response = get("/actuator/prometheus", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    return response
        .body()
        .lines()
        .map(SAMPLE::matcher)
        .filter(Matcher::matches)
        .map(
            match -> {
              var labels = new HashMap<String, String>();
              LABEL
                  .matcher(match.group(2))
                  .results()
                  .forEach(label -> labels.put(label.group(1), label.group(2)));
              return new Sample(match.group(1), labels, Double.parseDouble(match.group(3)));
            })
        .toList();
  }

  private record Sample(String name, Map<String, String> labels, double value) {}

  private static Set<String> componentsOf(HttpResponse<String> health) {
    var names = new HashSet<String>();
    readTree(health.body()).get("components").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Map<String, String> basic(String user, String password) {
    return ManagementClient.basic(user, password);
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    return management().get(path, headers);
  }

  private HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    return management().post(path, body, headers);
  }
}
