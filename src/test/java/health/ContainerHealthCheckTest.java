package health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerHealthCheckTest {

  @ParameterizedTest(name = "/health answering {0} is healthy: {1}")
  @CsvSource({"200, true", "503, false", "500, false"})
  void healthyOnlyWhenHealthAnswers200(int status, boolean healthy)
      throws IOException, URISyntaxException {
    var loopback = InetAddress.getLoopbackAddress();
    var server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      var uri =
          new URI(
              "http",
              null,
              loopback.getHostAddress(),
              server.getAddress().getPort(),
              "/health",
              null,
              null);

      assertThat(ContainerHealthCheck.healthy(uri)).isEqualTo(healthy);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unhealthyWhenNothingListens() throws IOException {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(ContainerHealthCheck.healthy(URI.create("http://127.0.0.1:" + port + "/health")))
        .isFalse();
  }
}
