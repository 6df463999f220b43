package bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgBenchTest {

  private static final String OUTPUT =
      """
      pgbench (15.14 (Debian 15.14-0+deb12u1), server 17.6)
      transaction type: target/bench/run/pgbench-insert.sql
      scaling factor: 1
      query mode: prepared
      number of clients: 4
      number of threads: 2
      maximum number of tries: 1
      duration: 5 s
      number of transactions actually processed: 42185
      number of failed transactions: 0 (0.000%)
      latency average = 0.474 ms
      initial connection time = 8.123 ms
      tps = 8437.123456 (without initial connection time)
      """;

  @Test
  void readsTpsAndLatencyFromTheOutput() {
    assertThat(PgBench.parseTps(OUTPUT).getAsDouble()).isEqualTo(8437.123456);
    assertThat(PgBench.parseLatency(OUTPUT).getAsDouble()).isEqualTo(0.474);
    assertThat(PgBench.parseTps("pgbench: error: connection refused")).isEmpty();
  }

  @Test
  void takesHostPortAndDatabaseFromTheJdbcUrl() {
    assertThat(PgBench.JdbcTarget.parse("jdbc:postgresql://localhost:54321/postgres?user=postgres"))
        .isEqualTo(new PgBench.JdbcTarget("localhost", 54321, "postgres"));
    assertThat(PgBench.JdbcTarget.parse("jdbc:postgresql://db.internal/prequal"))
        .isEqualTo(new PgBench.JdbcTarget("db.internal", 5432, "prequal"));
  }
}
