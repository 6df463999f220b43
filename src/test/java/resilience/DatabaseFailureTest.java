package resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class DatabaseFailureTest {

  @ParameterizedTest(name = "SQLState {0} ({1}) is {2}")
  @CsvSource({
    "08000, connection exception,               UNAVAILABLE",
    "08001, cannot connect,                     UNAVAILABLE",
    "08006, connection failure,                 UNAVAILABLE",
    "53000, insufficient resources,             UNAVAILABLE",
    "53100, disk full,                          UNAVAILABLE",
    "53300, too many connections,               UNAVAILABLE",
    "57014, statement cancelled or timed out,   UNAVAILABLE",
    "57P01, administrator shutdown,             UNAVAILABLE",
    "57P03, cannot connect now,                 UNAVAILABLE",
    "58030, I/O error,                          UNAVAILABLE",
    "22000, data exception,                     REFUSED_DATA",
    "22001, string data right truncation,       REFUSED_DATA",
    "22003, numeric value out of range,         REFUSED_DATA",
    "22021, character not in repertoire,        REFUSED_DATA",
    "22P02, invalid text representation,        REFUSED_DATA",
    "23000, integrity constraint violation,     REFUSED_DATA",
    "23502, not null violation,                 REFUSED_DATA",
    "23503, foreign key violation,              REFUSED_DATA",
    "23505, unique violation,                   REFUSED_DATA",
    "23514, check violation,                    REFUSED_DATA",
    "40001, serialization failure,              OTHER",
    "40P01, deadlock detected,                  OTHER",
    "42501, insufficient privilege,             OTHER",
    "42P01, undefined table,                    OTHER",
    "55P03, lock not available,                 OTHER",
    "0A000, feature not supported,              OTHER",
    "XX000, internal error,                     OTHER",
    "2,     shorter than a class,               OTHER",
  })
  void classifiesBySqlStateClass(String sqlState, String meaning, DatabaseFailure expected) {
    var translated =
        new UncategorizedSQLException("apply-decision", "SQL", new SQLException(meaning, sqlState));

    assertThat(DatabaseFailure.of(translated)).isEqualTo(expected);
  }

  @Test
  void readsTheSqlStateBeneathEveryWrapper() {
    var wrapped =
        new RuntimeCamelException(
            new DataIntegrityViolationException(
                "PreparedStatementCallback", new SQLException("value too long", "22001")));

    assertThat(DatabaseFailure.of(wrapped)).isEqualTo(DatabaseFailure.REFUSED_DATA);
  }

  @Test
  void aPoolWithNoConnectionToGiveIsUnavailableWhateverTheSqlStateItCarries() {
    // HikariCP copies the SQLState of the last failed connection attempt: here a refused password.
    var timeout =
        new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("Connection is not available", "28P01"));

    assertThat(DatabaseFailure.of(timeout)).isEqualTo(DatabaseFailure.UNAVAILABLE);
  }

  @Test
  void springsResourceFailuresWithoutASqlStateAreUnavailable() {
    assertThat(DatabaseFailure.of(new DataAccessResourceFailureException("connection refused")))
        .isEqualTo(DatabaseFailure.UNAVAILABLE);
    assertThat(DatabaseFailure.of(new QueryTimeoutException("timed out")))
        .isEqualTo(DatabaseFailure.UNAVAILABLE);
  }

  @Test
  void theSqlStateOutranksSpringsClassification() {
    // Spring translates class 54 (program limit exceeded) into a resource failure.
    var limit =
        new DataAccessResourceFailureException(
            "statement too complex", new SQLException("statement too complex", "54001"));

    assertThat(DatabaseFailure.of(limit)).isEqualTo(DatabaseFailure.OTHER);
  }

  @Test
  void aFailureWithoutAnyDatabaseCauseIsOther() {
    assertThat(DatabaseFailure.of(new IllegalStateException("a bug")))
        .isEqualTo(DatabaseFailure.OTHER);
  }

  @Test
  void aCauseChainThatLoopsEnds() {
    var first = new RuntimeException("first");
    var second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(DatabaseFailure.of(first)).isEqualTo(DatabaseFailure.OTHER);
  }
}
