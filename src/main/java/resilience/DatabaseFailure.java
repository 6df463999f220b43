package resilience;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * What a failed database call says, read from its cause chain (Spring and Camel wrap the driver's
 * {@link SQLException}): by the JDBC connection and timeout exceptions first, then by the SQLState
 * of the first {@link SQLException} that has one, and only without any SQLState by Spring's
 * classification.
 */
public enum DatabaseFailure {

  /**
   * The database cannot serve anyone just now: a connection lost or refused, a pool with no
   * connection to give, a statement cancelled or timed out, the server out of resources or shutting
   * down (SQLState classes 08, 53, 57, 58). The one kind of failure a circuit breaker counts.
   */
  UNAVAILABLE,

  /**
   * The database refused the data it was given: a data exception (class 22: too long, out of range,
   * not valid for its type) or an integrity constraint violation (class 23: a check, not-null,
   * unique or foreign key). The same message fails the same way on every retry, however healthy the
   * database: it is poison, and says nothing about the database's health.
   */
  REFUSED_DATA,

  /**
   * Anything else: contention (40, a deadlock or serialization failure; 55, a lock not available),
   * or a fault of the statement or the deployment (42, a missing table or a revoked privilege; 0A;
   * XX). The last are as permanent as a refusal, but they fail every message alike until someone
   * repairs the deployment, so they are retried with backoff rather than empty the topic into the
   * dead-letter topic; they say nothing about whether the database is up.
   */
  OTHER;

  private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "58");
  private static final Set<String> REFUSED_DATA_CLASSES = Set.of("22", "23");

  public static DatabaseFailure of(Throwable failure) {
    var chain = causes(failure);
    if (chain.stream().anyMatch(DatabaseFailure::isConnectionOrTimeout)) {
      return UNAVAILABLE;
    }
    for (var cause : chain) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return ofSqlState(sql.getSQLState());
      }
    }
    return chain.stream().anyMatch(DatabaseFailure::isResourceFailure) ? UNAVAILABLE : OTHER;
  }

  static DatabaseFailure ofSqlState(String sqlState) {
    var sqlClass = sqlState.length() < 2 ? sqlState : sqlState.substring(0, 2);
    if (UNAVAILABLE_CLASSES.contains(sqlClass)) {
      return UNAVAILABLE;
    }
    return REFUSED_DATA_CLASSES.contains(sqlClass) ? REFUSED_DATA : OTHER;
  }

  private static boolean isConnectionOrTimeout(Throwable cause) {
    return cause instanceof SQLTransientConnectionException
        || cause instanceof SQLNonTransientConnectionException
        || cause instanceof SQLRecoverableException
        || cause instanceof SQLTimeoutException;
  }

  private static boolean isResourceFailure(Throwable cause) {
    return cause instanceof DataAccessResourceFailureException
        || cause instanceof QueryTimeoutException
        || cause instanceof TransientDataAccessResourceException;
  }

  private static List<Throwable> causes(Throwable failure) {
    var seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
    var chain = new ArrayList<Throwable>();
    for (var cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }
}
