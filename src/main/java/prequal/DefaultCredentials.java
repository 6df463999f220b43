package prequal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
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

  /**
   * The development keys {@code application.yml} ships (base64), so that the local run, the tests
   * and a restarted jar open what they sealed. Public, and so never for real personal data.
   */
  public static final String DEVELOPMENT_KEY = "hMU6ZlmrBjw9fnkLh/fn9dy7Jou1B/UYXRcCXosG7As=";

  public static final String DEVELOPMENT_LOOKUP_KEY =
      "O2tJ3Z93W6hTYjeLug5sRbmlrQFdBZ8Sr64Eieyu1sg=";

  /**
   * The staff users built in for the local run ({@code prequal.staff.local-users}), each with its
   * name as its password: public, and so never where staff see real applications.
   */
  public static final List<String> LOCAL_STAFF_USERS = List.of("reviewer-1", "reviewer-2");

  private DefaultCredentials() {}

  public static List<String> stillInUse(
      String databasePassword,
      PrequalProperties.Console console,
      PrequalProperties.Privacy privacy) {
    var problems = new ArrayList<String>();
    problems.addAll(developmentKeysInUse(privacy));
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

  /**
   * What stands in for the lender's identity provider: the built-in staff users, or, in a process
   * that serves the staff endpoints (the api role), no source of JWT signing keys at all.
   */
  public static List<String> staffAccessProblems(PrequalProperties.Staff staff, boolean servesApi) {
    var problems = new ArrayList<String>();
    if (staff.localUsers()) {
      problems.add("STAFF_LOCAL_USERS is true");
    }
    if (servesApi && (staff.jwt() == null || !staff.jwt().configured())) {
      problems.add(
          "none of STAFF_JWT_ISSUER_URI, STAFF_JWT_JWK_SET_URI, STAFF_JWT_PUBLIC_KEY_LOCATION is"
              + " set");
    }
    return problems;
  }

  private static List<String> developmentKeysInUse(PrequalProperties.Privacy privacy) {
    var problems = new ArrayList<String>();
    if (privacy.keys() == null || privacy.keys().isBlank()) {
      problems.add("PRIVACY_KEYS is not set");
    } else if (privacy.keyring().holdsKey(Base64.getDecoder().decode(DEVELOPMENT_KEY))) {
      // Whatever id it is listed under: the key is what is public.
      problems.add("PRIVACY_KEYS holds the development key");
    }
    if (privacy.lookupKey() == null || privacy.lookupKey().isBlank()) {
      problems.add("PRIVACY_LOOKUP_KEY is not set");
    } else if (MessageDigest.isEqual(
        privacy.lookupKeyBytes(), Base64.getDecoder().decode(DEVELOPMENT_LOOKUP_KEY))) {
      problems.add("PRIVACY_LOOKUP_KEY is the development key");
    }
    return problems;
  }

  private static boolean hashesTheDefaultPassword(String passwordHash) {
    return passwordHash != null
        && passwordHash.matches(PrequalProperties.Console.BCRYPT_HASH)
        && new BCryptPasswordEncoder().matches(CONSOLE_PASSWORD, passwordHash);
  }
}
