package security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import application.ApplicationForm;
import application.ApplicationStatus;
import application.IdempotencyKey;
import decision.Reason;
import decision.ReasonCode;
import fixtures.ApplicationRow;
import fixtures.LendingPolicies;
import fixtures.Topics;
import harness.DatabaseAccounts;
import harness.Databases;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import messages.LoanType;
import messages.PanNumber;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import prequal.EmbeddedInfrastructure;
import review.ReviewState;
import store.ApplicationEventsLookup;
import store.ClaimedOutboxRows;
import store.DecisionEventRow;
import store.IdempotencyKeyRetention;
import store.NewApplication;
import store.NewApplications;
import store.OutboxClaim;
import store.OutboxRetention;
import store.OverdueReviewQuery;
import store.PersonalDataErasure;
import store.PersonalDataRetention;
import store.RecordedDecision;
import store.RecordedDecision.ReviewReferral;
import store.RecordedDecisions;
import store.ReportedApplications;
import store.ResealSelection;
import store.ResealedApplicant;
import store.ReviewClaim;
import store.ReviewEscalation;
import store.ReviewQueueQuery;
import store.ReviewStep;
import store.ReviewTaskLookup;
import store.SealedApplicant;
import store.SqlParameters;
import store.StaffApplicationLookup;
import store.StaleSweep;
import store.StatusLookup;
import store.SweepLock;

/**
 * The database accounts of {@code db/roles.sql}, as compose creates them: Flyway migrates as the
 * owner, and the runtime account runs every statement of the service but cannot change the schema,
 * including tables a later migration adds.
 */
class DatabaseRolesIT {

  private static final Path STATEMENTS = Path.of("src/main/resources/sql");
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private static DatabaseAccounts accounts;
  private static JdbcTemplate owner;
  private static JdbcTemplate runtime;

  @BeforeAll
  static void migrateAsTheOwner() {
    var url = Databases.createDatabase(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
    accounts = DatabaseAccounts.create(url, "postgres", "");
    Flyway.configure()
        .dataSource(accounts.url(), accounts.owner(), accounts.ownerPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    owner = jdbc(accounts.owner(), accounts.ownerPassword());
    runtime = jdbc(accounts.runtime(), accounts.runtimePassword());
  }

  @Test
  void theOwnerHoldsEveryTableTheMigrationsCreate() {
    var owners =
        owner.queryForList(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", String.class);
    var tables =
        owner.queryForList(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", String.class);

    assertThat(tables).contains("applications", "application_events", "outbox");
    assertThat(owners).containsExactly(accounts.owner());
  }

  @Test
  void theRuntimeAccountRunsEveryStatementOfTheService() throws IOException {
    var id = UUID.randomUUID();
    var form =
        new ApplicationForm(
            new PanNumber("ABCDE1234F"),
            "Rajesh Kumar",
            new BigDecimal("75000.00"),
            new BigDecimal("500000.00"),
            LoanType.PERSONAL);
    var statements = new Statements();

    assertThat(
            statements.update(
                "insert-application",
                new NewApplication(
                    id,
                    form,
                    new SealedApplicant("dev:c2VhbGVk", "dev:bmFtZQ==", "0".repeat(64)),
                    "roles-1",
                    Topics.SUBMITTED,
                    "{}",
                    new IdempotencyKey("roles-key-" + id),
                    "fingerprint",
                    Duration.ofHours(24))))
        .isEqualTo(1);
    assertThat(
            statements.query(
                "select-earlier-submission", () -> Map.of("idempotency_key", "roles-key-" + id)))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("application_id", id));
    var claimed = statements.query("claim-outbox", new OutboxClaim(Duration.ofMinutes(1), 10));
    assertThat(claimed)
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("message_key", id.toString()));
    var claim = new ClaimedOutboxRows(List.of(((Number) claimed.get(0).get("id")).longValue()));
    assertThat(statements.update("release-outbox-claims", claim)).isEqualTo(1);
    assertThat(statements.query("claim-outbox", new OutboxClaim(Duration.ofMinutes(1), 10)))
        .hasSize(1);
    assertThat(statements.update("mark-outbox-published", claim)).isEqualTo(1);
    assertThat(statements.query("select-outbox-backlog", Map::of))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("backlog")).longValue()).isZero());
    assertThat(
            statements.query(
                "select-applications-for-decision", new ReportedApplications(List.of(id))))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("status", "PENDING"));
    assertThat(statements.query("oldest-pending-age", Map::of)).hasSize(1);
    assertThat(statements.query("try-sweep-lock", SweepLock.STALE_APPLICATIONS))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("held", true));
    assertThat(statements.update("redrive-stale-applications", new StaleSweep(Duration.ZERO)))
        .isEqualTo(1);
    var reviewId = UUID.randomUUID();
    var referred =
        LendingPolicies.decisionPolicy()
            .decide(760, new BigDecimal("10000.00"), new BigDecimal("480000.00"));
    var event = new DecisionEventRow(Topics.DECISIONS, "{}");
    assertThat(
            statements.query(
                "apply-decisions",
                new RecordedDecisions(
                    List.of(
                        new RecordedDecision(
                            id,
                            referred,
                            760,
                            "roles-1",
                            Instant.now(),
                            new ReviewReferral(reviewId, Instant.now().minusSeconds(60)),
                            event)))))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("id", id));
    assertThat(statements.query("select-overdue-reviews", new OverdueReviewQuery(10)))
        .extracting(row -> row.get("review_id"))
        .containsExactly(reviewId);
    assertThat(
            statements.update("escalate-review", new ReviewEscalation(reviewId, "system", event)))
        .isEqualTo(1);
    assertThat(statements.query("count-overdue-reviews", Map::of))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("overdue", 1L));
    assertThat(
            statements.query(
                "select-review-queue", new ReviewQueueQuery(List.of(ReviewState.OPEN), true, 10)))
        .extracting(row -> row.get("review_id"))
        .containsExactly(reviewId);
    assertThat(
            statements.update(
                "claim-review",
                new ReviewClaim(reviewId, "reviewer-1", Duration.ofMinutes(5), null)))
        .isEqualTo(1);
    var approval =
        new ReviewStep(
            reviewId,
            "reviewer-1",
            ApplicationStatus.PRE_APPROVED,
            List.of(Reason.finding(ReasonCode.INCOME_VERIFIED)),
            "checked",
            referred.policyVersion(),
            Instant.now(),
            "roles-1",
            event);
    assertThat(statements.update("propose-review", approval)).isEqualTo(1);
    assertThat(statements.query("select-review-task", new ReviewTaskLookup(reviewId)))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("state", "awaiting_confirmation"));
    assertThat(statements.update("decide-review", approval)).as("not claimed any more").isZero();
    assertThat(
            statements.update(
                "confirm-review",
                new ReviewStep(
                    reviewId,
                    "reviewer-2",
                    ApplicationStatus.PRE_APPROVED,
                    approval.reasons(),
                    null,
                    referred.policyVersion(),
                    Instant.now(),
                    "roles-1",
                    event)))
        .isEqualTo(1);
    assertThat(statements.query("select-application-for-staff", new StaffApplicationLookup(id)))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("status", "PRE_APPROVED"))
        .satisfies(row -> assertThat(row).containsEntry("review_id", reviewId))
        .satisfies(row -> assertThat(row).containsEntry("review_state", "done"));
    assertThat(statements.query("select-application-events", new ApplicationEventsLookup(id)))
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(statements.query("select-application-status", new StatusLookup(id)))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("status", "PRE_APPROVED"));
    assertThat(statements.update("delete-published-outbox", new OutboxRetention(Duration.ZERO)))
        .isEqualTo(1);
    assertThat(
            statements.update(
                "delete-expired-idempotency-keys", new IdempotencyKeyRetention(Duration.ZERO)))
        .isEqualTo(1);
    assertThat(
            statements.update(
                "erase-personal-data", new PersonalDataErasure(id, "roles-2", Topics.SUBMITTED)))
        .isEqualTo(1);
    assertThat(
            statements.query(
                "select-personal-data-erasure",
                new PersonalDataErasure(id, null, Topics.SUBMITTED)))
        .singleElement()
        .satisfies(row -> assertThat(row.get("personal_data_erased_at")).isNotNull());

    var version1 = ApplicationRow.pending(UUID.randomUUID()).inPlainText().insert(owner);
    assertThat(statements.query("select-personal-data-to-reseal", ResealSelection.first("dev", 10)))
        .extracting(row -> row.get("id"))
        .containsExactly(version1);
    assertThat(
            statements.update(
                "reseal-personal-data",
                new ResealedApplicant(
                    version1, new SealedApplicant("dev:c2VhbGVk", null, "1".repeat(64)))))
        .isZero();
    owner.update("UPDATE applications SET status = 'REJECTED' WHERE id = ?", version1);
    assertThat(
            statements.update(
                "erase-expired-personal-data", new PersonalDataRetention(Duration.ZERO, 10)))
        .isEqualTo(1);

    var group =
        Stream.of("roles-3", "roles-4")
            .map(
                correlationId ->
                    new NewApplication(
                        UUID.randomUUID(),
                        form,
                        new SealedApplicant("dev:c2VhbGVk", "dev:bmFtZQ==", "0".repeat(64)),
                        correlationId,
                        Topics.SUBMITTED,
                        "{}",
                        null,
                        null,
                        Duration.ofHours(24)))
            .toList();
    assertThat(statements.update("insert-applications", new NewApplications(group))).isEqualTo(2);
    assertThat(
            owner.queryForList(
                "SELECT correlation_id FROM application_events WHERE correlation_id LIKE 'roles-_'"
                    + " AND from_status IS NULL AND application_id IN (?, ?)",
                String.class,
                group.get(0).id(),
                group.get(1).id()))
        .containsExactlyInAnyOrder("roles-3", "roles-4");

    assertThat(statements.run).isEqualTo(statementFiles());
  }

  @ParameterizedTest(name = "the runtime account may not: {0}")
  @ValueSource(
      strings = {
        "CREATE TABLE intruder (id integer)",
        "CREATE TEMPORARY TABLE intruder (id integer)",
        "CREATE SCHEMA intruder",
        "CREATE INDEX intruder ON applications (applicant_name)",
        "DROP TABLE applications",
        "ALTER TABLE applications ADD COLUMN intruder integer",
        "TRUNCATE outbox",
        "DROP TRIGGER applications_updated_at ON applications",
        "DROP TABLE flyway_schema_history"
      })
  void theRuntimeAccountCannotChangeTheSchema(String ddl) {
    assertThatThrownBy(() -> runtime.execute(ddl))
        .rootCause()
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
  }

  @Test
  void aTableALaterMigrationCreatesIsTheRuntimeAccountsToUseButNotToDrop() {
    owner.execute(
        "CREATE TABLE later_migration (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " note VARCHAR(20))");

    runtime.update("INSERT INTO later_migration (note) VALUES ('written')");
    runtime.update("UPDATE later_migration SET note = 'updated'");
    assertThat(runtime.queryForList("SELECT note FROM later_migration", String.class))
        .containsExactly("updated");
    assertThat(runtime.update("DELETE FROM later_migration")).isEqualTo(1);
    assertThatThrownBy(() -> runtime.execute("DROP TABLE later_migration"))
        .rootCause()
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
  }

  @Test
  void anAccountWithoutAGrantCannotConnect() throws SQLException {
    var stranger = "stranger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var connection =
            DriverManager.getConnection(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
        var statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + stranger + " LOGIN");
    }

    assertThatThrownBy(() -> DriverManager.getConnection(accounts.url(), stranger, "").close())
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
  }

  private static JdbcTemplate jdbc(String user, String password) {
    return new JdbcTemplate(new DriverManagerDataSource(accounts.url(), user, password));
  }

  private static Set<String> statementFiles() throws IOException {
    try (Stream<Path> files = Files.list(STATEMENTS)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".sql"))
          .map(name -> name.substring(0, name.length() - ".sql".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * The service's statements as the runtime account, with the parameters their records give, in
   * Spring's named-parameter syntax instead of camel-sql's ({@code :#name}, {@code :#in:name}).
   */
  private static final class Statements {

    private final NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(runtime);
    private final Set<String> run = new TreeSet<>();

    int update(String name, SqlParameters parameters) throws IOException {
      return jdbc.update(sql(name), parameters.toParameters());
    }

    List<Map<String, Object>> query(String name, SqlParameters parameters) throws IOException {
      return jdbc.queryForList(sql(name), parameters.toParameters());
    }

    private String sql(String name) throws IOException {
      run.add(name);
      var text = Files.readString(STATEMENTS.resolve(name + ".sql"), StandardCharsets.UTF_8);
      return text.replaceAll(":#in:(\\w+)", ":$1").replaceAll(":#(\\w+)", ":$1");
    }
  }
}
