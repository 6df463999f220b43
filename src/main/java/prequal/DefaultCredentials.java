package prequal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The credentials that ship as defaults in {@code application.yml}: fine on a laptop, never in
 * production. Names each one still in use by the environment variable that replaces it.
 */
public final class DefaultCredentials {

  public static final String DATABASE_PASSWORD = "prequal";
  public static final String CONSOLE_PASSWORD = "prequal-console";

  /** The BCrypt hash of {@link #CONSOLE_PASSWORD} that {@code application.yml} ships. */
  public static final String CONSOLE_PASSWORD_HASH =
      "$2a$10$t3ZVYjGEZCDqRve4a0Kb3ug3k2Dbz9uX0jcnw9yX7Jw/1y3DHEDs6";

  private DefaultCredentials() {}

  public static List<String> stillInUse(
      String databasePassword, PrequalProperties.Console console) {
    var problems = new ArrayList<String>();
    if (databasePassword == null || databasePassword.isBlank()) {
      problems.add("DB_PASSWORD is empty");
    } else if (DATABASE_PASSWORD.equals(databasePassword)) {
      problems.add("DB_PASSWORD is the default");
    }
    // Any hash of the default password, not only the shipped one: a fresh salt changes the hash.
    if (hashesTheDefaultPassword(console.passwordHash())) {
      problems.add("HAWTIO_PASSWORD_HASH is a hash of the default password");
    }
    if (!console.authenticationEnabled()) {
      problems.add("HAWTIO_AUTHENTICATION_ENABLED is false");
    }
    return problems;
  }

  private static boolean hashesTheDefaultPassword(String passwordHash) {
    return passwordHash != null
        && passwordHash.matches(PrequalProperties.Console.BCRYPT_HASH)
        && new BCryptPasswordEncoder().matches(CONSOLE_PASSWORD, passwordHash);
  }
}
