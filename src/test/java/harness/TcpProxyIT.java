package harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import prequal.EmbeddedInfrastructure;

/**
 * JDBC through the proxy reaches the real PostgreSQL; a disconnect breaks open connections on both
 * sides at once and refuses new ones; a reconnect serves again on the same port.
 */
class TcpProxyIT {

  private static final String USER = "postgres";
  private static final String PASSWORD = "";

  private final String realUrl = EmbeddedInfrastructure.jdbcUrl();

  @Test
  void disconnectCutsOpenConnectionsAndRefusesNewOnesUntilReconnect() throws Exception {
    try (var proxy = TcpProxy.start(Databases.host(realUrl), Databases.port(realUrl))) {
      var proxiedUrl = Databases.withHostAndPort(realUrl, "127.0.0.1", proxy.port());

      for (int cycle = 0; cycle < 2; cycle++) {
        try (var connection = DriverManager.getConnection(proxiedUrl, USER, PASSWORD)) {
          assertThat(queryInt(connection, "SELECT inet_server_port()"))
              .isEqualTo(Databases.port(realUrl))
              .isNotEqualTo(proxy.port());
          int backend = queryInt(connection, "SELECT pg_backend_pid()");

          proxy.disconnect();

          long started = System.nanoTime();
          assertThatThrownBy(() -> queryInt(connection, "SELECT 1"))
              .isInstanceOf(SQLException.class);
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .isLessThan(Duration.ofSeconds(2));
          assertThatThrownBy(() -> DriverManager.getConnection(proxiedUrl, USER, PASSWORD))
              .isInstanceOf(SQLException.class)
              .hasRootCauseInstanceOf(ConnectException.class);
          await()
              .atMost(Duration.ofSeconds(5))
              .untilAsserted(() -> assertThat(backendAlive(backend)).isFalse());
        }

        proxy.reconnect();
      }

      try (var connection = DriverManager.getConnection(proxiedUrl, USER, PASSWORD)) {
        try (var statement = connection.createStatement();
            var rows = statement.executeQuery("SELECT repeat('x', 4000000)")) {
          rows.next();
          assertThat(rows.getString(1)).hasSize(4_000_000);
        }
      }
    }
  }

  @Test
  void closeStopsListening() throws Exception {
    var proxy = TcpProxy.start(Databases.host(realUrl), Databases.port(realUrl));
    var proxiedUrl = Databases.withHostAndPort(realUrl, "127.0.0.1", proxy.port());
    try (var connection = DriverManager.getConnection(proxiedUrl, USER, PASSWORD)) {
      assertThat(queryInt(connection, "SELECT 1")).isEqualTo(1);

      proxy.close();

      assertThatThrownBy(() -> queryInt(connection, "SELECT 1")).isInstanceOf(SQLException.class);
    }
    assertThatThrownBy(() -> DriverManager.getConnection(proxiedUrl, USER, PASSWORD))
        .hasRootCauseInstanceOf(ConnectException.class);
  }

  /** Asked over a direct connection, so the answer is the server's, not the proxy's. */
  private boolean backendAlive(int pid) throws SQLException {
    try (var direct = DriverManager.getConnection(realUrl, USER, PASSWORD);
        var statement =
            direct.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
      statement.setInt(1, pid);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1) > 0;
      }
    }
  }

  private static int queryInt(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
