package harness;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL JDBC URLs for the fault tests. Each service under test gets a database of its own on
 * the shared embedded server, because the in-JVM service of the other integration tests polls the
 * outbox of the {@code postgres} database and would publish another service's rows to its own
 * broker. {@link #withHostAndPort} points a URL at a {@link TcpProxy} instead of the server.
 */
public final class Databases {

  private static final Pattern URL =
      Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(\\?.*)?$");

  private Databases() {}

  /** Creates an empty database on the server the URL names and returns a URL for it. */
  public static String createDatabase(String jdbcUrl, String user, String password) {
    var name = "faults_" + UUID.randomUUID().toString().replace("-", "");
    try (var connection = DriverManager.getConnection(jdbcUrl, user, password);
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a database on " + jdbcUrl, e);
    }
    var url = parse(jdbcUrl);
    return "jdbc:postgresql://" + url.group(1) + portPart(url) + "/" + name + query(url);
  }

  /** The same URL with another host and port, for example a proxy's. */
  public static String withHostAndPort(String jdbcUrl, String host, int port) {
    var url = parse(jdbcUrl);
    return "jdbc:postgresql://" + host + ":" + port + "/" + url.group(3) + query(url);
  }

  public static String host(String jdbcUrl) {
    return parse(jdbcUrl).group(1);
  }

  /**
   * The same URL without the {@code user} and {@code password} parameters the embedded server's URL
   * carries, which would override the account a connection is opened with.
   */
  public static String withoutCredentials(String jdbcUrl) {
    var url = parse(jdbcUrl);
    var kept =
        url.group(4) == null
            ? ""
            : Arrays.stream(url.group(4).substring(1).split("&", -1))
                .filter(
                    parameter ->
                        !parameter.startsWith("user=") && !parameter.startsWith("password="))
                .collect(Collectors.joining("&"));
    return "jdbc:postgresql://"
        + url.group(1)
        + portPart(url)
        + "/"
        + url.group(3)
        + (kept.isEmpty() ? "" : "?" + kept);
  }

  /** The database a URL names. */
  public static String name(String jdbcUrl) {
    return parse(jdbcUrl).group(3);
  }

  public static int port(String jdbcUrl) {
    var port = parse(jdbcUrl).group(2);
    return port == null ? 5432 : Integer.parseInt(port);
  }

  private static Matcher parse(String jdbcUrl) {
    var matcher = URL.matcher(jdbcUrl);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not a single-host PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return matcher;
  }

  private static String portPart(Matcher url) {
    return url.group(2) == null ? "" : ":" + url.group(2);
  }

  private static String query(Matcher url) {
    return url.group(4) == null ? "" : url.group(4);
  }
}
