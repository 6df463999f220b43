package bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenLoopLoadTest {

  private static final String ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a Content-Length body                 | HTTP/1.1 202 \\r\\nContent-Type: application/json\\r\\nContent-Length: 76\\r\\n\\r\\n{\"application_id\":\""
            + ID
            + "\",\"status\":\"PENDING\"} | 202 | false",
        "a chunked body                        | HTTP/1.1 202 Accepted\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n13\\r\\n{\"application_id\":\"\\r\\n39;x=1\\r\\n"
            + ID
            + "\",\"status\":\"PENDING\"}\\r\\n0\\r\\n\\r\\n | 202 | false",
        "the server closing after it           | HTTP/1.1 500 \\r\\nConnection: close\\r\\ncontent-length: 2\\r\\n\\r\\n{} | 500 | true",
        "an HTTP/1.0 answer                    | HTTP/1.0 400 Bad Request\\r\\nContent-Length: 0\\r\\n\\r\\n | 400 | true"
      })
  void readsTheStatusTheBodyAndWhetherTheConnectionStays(
      String what, String raw, int status, boolean close) throws IOException {
    var wire = raw.replace("\\r\\n", "\r\n");
    var in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8));

    var response = OpenLoopLoad.HttpResponse.read(in, new byte[1024]);

    assertThat(response.status()).isEqualTo(status);
    assertThat(response.close()).isEqualTo(close);
    if (status == 202) {
      assertThat(OpenLoopLoad.applicationId(response.body())).isEqualTo(UUID.fromString(ID));
    }
    assertThat(in.read()).as("nothing of the next response consumed").isEqualTo(-1);
  }

  @Test
  void anEndedStreamIsAClosedConnectionNotAResponse() throws IOException {
    assertThat(OpenLoopLoad.HttpResponse.read(new ByteArrayInputStream(new byte[0]), new byte[64]))
        .isNull();
  }

  @ParameterizedTest(name = "{0} gives {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"application_id\":\"" + ID + "\"}                 | " + ID,
        "{ \"status\": \"PENDING\", \"application_id\" : \"" + ID + "\" } | " + ID,
        "{\"application_id\":\"not-a-uuid\"}                 | ",
        "{\"application_id\":42}                             | ",
        "{\"id\":\"" + ID + "\"}                             | "
      })
  void findsTheApplicationIdWithoutBuildingTheObject(String json, UUID expected) {
    assertThat(OpenLoopLoad.applicationId(json)).isEqualTo(expected);
  }

  /**
   * Against a real server: every request answered and counted, keep-alive connections reused and
   * reopened after the server closes one, errors by status, latency from the intended time.
   */
  @Test
  void offersEveryRequestAndCountsTheAnswers() throws IOException {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    var bodies = new ConcurrentHashMap<String, Boolean>();
    server.createContext(
        "/applications",
        exchange -> {
          var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          bodies.put(body, true);
          boolean refused = body.contains("refuse");
          var answer =
              refused
                  ? "{\"error\":\"no\"}"
                  : "{\"application_id\":\"" + UUID.randomUUID() + "\",\"status\":\"PENDING\"}";
          if (body.contains("close")) {
            exchange.getResponseHeaders().add("Connection", "close");
          }
          var bytes = answer.getBytes(StandardCharsets.UTF_8);
          // Every third answer chunked, the others with a length.
          exchange.sendResponseHeaders(
              refused ? 422 : 202, body.hashCode() % 3 == 0 ? 0 : bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    try {
      var requests = new ArrayList<String>();
      for (int i = 0; i < 200; i++) {
        requests.add(
            "{\"n\":%d,\"what\":\"%s\"}"
                .formatted(i, i % 50 == 7 ? "refuse" : i % 20 == 3 ? "close" : "apply"));
      }
      var load = new OpenLoopLoad(List.of("http://127.0.0.1:" + server.getAddress().getPort()), 8);

      var result = load.run(requests, 400);

      assertThat(result.sent()).isEqualTo(200);
      assertThat(result.errors()).isEqualTo(Map.of("HTTP 422", 4L));
      assertThat(result.accepted()).hasSize(196).doesNotHaveDuplicates();
      assertThat(result.latency().getTotalCount()).isEqualTo(200);
      assertThat(bodies).hasSize(200);
      assertThat(result.sendSpan().toMillis()).isBetween(400L, 5_000L);
    } finally {
      server.stop(0);
    }
  }

  /**
   * Two instances: connection {@code i} goes to instance {@code i % 2}, so each gets half the
   * connections and a share of the requests, every request named for the instance it reached.
   */
  @Test
  void spreadsTheConnectionsRoundRobinOverTheInstances() throws IOException {
    var instances = List.of(instance(), instance());
    try {
      var load =
          new OpenLoopLoad(
              instances.stream()
                  .map(instance -> "http://127.0.0.1:" + instance.server.getAddress().getPort())
                  .toList(),
              6);

      var result = load.run(Collections.nCopies(120, "{\"what\":\"apply\"}"), 240);

      assertThat(result.sent()).isEqualTo(120);
      assertThat(result.errors()).isEmpty();
      assertThat(result.accepted()).hasSize(120).doesNotHaveDuplicates();
      assertThat(instances.stream().mapToInt(instance -> instance.requests.get()).sum())
          .isEqualTo(120);
      for (var instance : instances) {
        assertThat(instance.requests.get()).isPositive();
        assertThat(instance.connections).as("the client ports of its connections").hasSize(3);
        assertThat(instance.hosts)
            .containsOnlyKeys("127.0.0.1:" + instance.server.getAddress().getPort());
      }
    } finally {
      instances.forEach(instance -> instance.server.stop(0));
    }
  }

  /** A server that accepts every application and notes which connections and hosts it saw. */
  private record Instance(
      HttpServer server,
      AtomicInteger requests,
      Map<Integer, Boolean> connections,
      Map<String, Boolean> hosts) {}

  private static Instance instance() throws IOException {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    var instance =
        new Instance(
            server, new AtomicInteger(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    server.createContext(
        "/applications",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          instance.requests().incrementAndGet();
          instance.connections().put(exchange.getRemoteAddress().getPort(), true);
          instance.hosts().put(exchange.getRequestHeaders().getFirst("Host"), true);
          var bytes =
              ("{\"application_id\":\"" + UUID.randomUUID() + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(202, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(3));
    server.start();
    return instance;
  }
}
