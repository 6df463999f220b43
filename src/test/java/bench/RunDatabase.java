package bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * What the harness reads from the service's database. Decision latency comes from there rather than
 * from polling {@code GET /applications/{id}/status}, which would add load and measure the polling
 * interval: an application's {@code created_at} is set by the statement that stores it (before the
 * {@code 202}), and the {@code created_at} of its audit event with a status other than {@code
 * PENDING} by the statement that records the decision, both by the same server clock.
 */
final class RunDatabase {

  /** Ids per query: a UUID array this long is a few hundred kilobytes. */
  private static final int CHUNK = 10_000;

  private static final String DECISIONS =
      """
      SELECT a.status,
             (extract(epoch FROM a.created_at) * 1000000)::bigint AS created_us,
             (extract(epoch FROM min(e.created_at)) * 1000000)::bigint AS decided_us,
             count(e.id) AS decisions
        FROM applications a
        LEFT JOIN application_events e ON e.application_id = a.id AND e.to_status <> 'PENDING'
       WHERE a.id = ANY (?)
       GROUP BY a.id
      """;

  private final String url;
  private final String user;
  private final String password;
  private Connection counting;

  RunDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * All PENDING applications, whoever submitted them; the backlog is judged by how this changes, so
   * applications left PENDING before the run (dead-lettered ones stay so) cancel out. It uses the
   * index on {@code status} and is cheap enough to ask every second under load, on one connection
   * kept for it: a new one each time would start a backend each time, CPU the results would charge
   * to PostgreSQL and to the load generator.
   */
  synchronized long pendingCount() {
    try {
      if (counting == null || counting.isClosed()) {
        counting = connect();
      }
      try (var statement = counting.createStatement();
          var rows =
              statement.executeQuery(
                  "SELECT count(*) FROM applications WHERE status = 'PENDING'")) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      closeCounting();
      throw new IllegalStateException("Cannot count the PENDING applications", e);
    }
  }

  private void closeCounting() {
    try {
      if (counting != null) {
        counting.close();
      }
    } catch (SQLException e) {
      // A broken connection is replaced on the next count.
    }
    counting = null;
  }

  /** How the given applications stand now: stored, decided, and how long each decision took. */
  Decisions decisions(List<UUID> ids) {
    var latency = new Histogram(3);
    long stored = 0;
    long decided = 0;
    long decidedTwice = 0;
    long firstDecided = Long.MAX_VALUE;
    long lastDecided = Long.MIN_VALUE;
    try (var connection = connect();
        var query = connection.prepareStatement(DECISIONS)) {
      for (int from = 0; from < ids.size(); from += CHUNK) {
        var chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
        query.setArray(1, connection.createArrayOf("uuid", chunk.toArray()));
        try (var rows = query.executeQuery()) {
          while (rows.next()) {
            stored++;
            long decidedAt = rows.getLong("decided_us");
            if (rows.wasNull()) {
              continue;
            }
            decided++;
            if (rows.getLong("decisions") > 1) {
              decidedTwice++;
            }
            latency.recordValue(Math.max(0, decidedAt - rows.getLong("created_us")));
            firstDecided = Math.min(firstDecided, decidedAt);
            lastDecided = Math.max(lastDecided, decidedAt);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the decisions of the run's applications", e);
    }
    return new Decisions(
        ids.size(), stored, decided, decidedTwice, latency, firstDecided, lastDecided);
  }

  /** The server's version and the settings that move insert throughput most, for the results. */
  Map<String, String> serverSettings() {
    var settings = new LinkedHashMap<String, String>();
    try (var connection = connect();
        var statement = connection.createStatement()) {
      try (var rows = statement.executeQuery("SHOW server_version")) {
        rows.next();
        settings.put("server_version", rows.getString(1));
      }
      for (var name :
          List.of(
              "fsync", "synchronous_commit", "shared_buffers", "wal_buffers", "max_connections")) {
        try (var rows = statement.executeQuery("SHOW " + name)) {
          rows.next();
          settings.put(name, rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the server's settings", e);
    }
    return settings;
  }

  /**
   * The server's postmaster, when the server is a process on this machine: the parent of the
   * backend serving this connection, read while the connection is open.
   */
  OptionalLong postmasterPid() {
    try (var connection = connect();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return ProcessCpu.postmasterOf(rows.getLong(1));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot ask the server for its backend's pid", e);
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * @param latency decision latency in microseconds, of the decided applications
   * @param firstDecided epoch microseconds of the first decision, {@code Long.MAX_VALUE} if none
   */
  record Decisions(
      long submitted,
      long stored,
      long decided,
      long decidedTwice,
      Histogram latency,
      long firstDecided,
      long lastDecided) {

    long pending() {
      return stored - decided;
    }

    long notStored() {
      return submitted - stored;
    }

    /**
     * Decisions per second over the span in which they were recorded, first to last: at an offered
     * rate the service keeps up with, it is that rate; when a backlog builds, the decisions spread
     * over a longer span and the figure drops to what the service managed.
     */
    double decidedPerSecond() {
      if (decided < 2 || lastDecided <= firstDecided) {
        return 0;
      }
      return (decided - 1) / ((lastDecided - firstDecided) / 1e6);
    }
  }
}
