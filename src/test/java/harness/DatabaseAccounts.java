package harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The owner and runtime accounts of a database, created by {@code db/roles.sql} — the script the
 * compose deployment runs — with its psql variables filled in here as psql would fill them. Role
 * names are new for each call: roles belong to the whole server, which the tests share. (The
 * embedded server trusts local connections, so the passwords are set but not checked.)
 */
public record DatabaseAccounts(
    String url, String owner, String ownerPassword, String runtime, String runtimePassword) {

  private static final String SCRIPT = "db/roles.sql";
  private static final Pattern VARIABLE = Pattern.compile(":(['\"])([a-z_]+)\\1");

  /**
   * Runs {@code db/roles.sql} as the superuser on the database the URL names; {@link #url} is that
   * URL without credentials of its own, for connecting as either account.
   */
  public static DatabaseAccounts create(String url, String superuser, String superuserPassword) {
    var suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    var accounts =
        new DatabaseAccounts(
            Databases.withoutCredentials(url),
            "prequal_owner_" + suffix,
            "owner-" + suffix,
            "prequal_runtime_" + suffix,
            "runtime-" + suffix);
    var script =
        substitute(
            read(SCRIPT),
            Map.of(
                "database", Databases.name(url),
                "owner", accounts.owner,
                "owner_password", accounts.ownerPassword,
                "runtime", accounts.runtime,
                "runtime_password", accounts.runtimePassword));
    try (var connection = DriverManager.getConnection(url, superuser, superuserPassword);
        var statement = connection.createStatement()) {
      statement.execute(script);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run " + SCRIPT + " on " + url, e);
    }
    return accounts;
  }

  /** What the service reads to migrate as the owner and run as the runtime account. */
  public Map<String, String> serviceEnvironment() {
    return Map.of(
        "DB_URL", url,
        "DB_USER", runtime,
        "DB_PASSWORD", runtimePassword,
        "FLYWAY_USER", owner,
        "FLYWAY_PASSWORD", ownerPassword);
  }

  /**
   * psql's interpolation: {@code :"name"} becomes a quoted identifier and {@code :'name'} a quoted
   * literal. Comment lines are left out, as psql leaves them uninterpolated.
   */
  static String substitute(String script, Map<String, String> variables) {
    var statements =
        script.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
    var matcher = VARIABLE.matcher(statements);
    var result = new StringBuilder();
    while (matcher.find()) {
      var value = variables.get(matcher.group(2));
      if (value == null) {
        throw new IllegalArgumentException(SCRIPT + " uses :" + matcher.group(2) + ", not given");
      }
      var quote = matcher.group(1);
      matcher.appendReplacement(
          result, Matcher.quoteReplacement(quote + value.replace(quote, quote + quote) + quote));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static String read(String resource) {
    try (InputStream in = DatabaseAccounts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
