package prequal;

import java.util.ArrayList;
import java.util.List;

/**
 * The credentials that ship as defaults in {@code application.yml}: fine on a laptop, never in
 * production. Names each one still in use by the environment variable that replaces it.
 */
public final class DefaultCredentials {

  public static final String DATABASE_PASSWORD = "prequal";
  public static final String CONSOLE_PASSWORD = "prequal-console";

  private DefaultCredentials() {}

  public static List<String> stillInUse(
      String databasePassword, PrequalProperties.Console console) {
    var problems = new ArrayList<String>();
    if (databasePassword == null || databasePassword.isBlank()) {
      problems.add("DB_PASSWORD is empty");
    } else if (DATABASE_PASSWORD.equals(databasePassword)) {
      problems.add("DB_PASSWORD is the default");
    }
    if (CONSOLE_PASSWORD.equals(console.password())) {
      problems.add("HAWTIO_PASSWORD is the default");
    }
    if (!console.authenticationEnabled()) {
      problems.add("HAWTIO_AUTHENTICATION_ENABLED is false");
    }
    return problems;
  }
}
