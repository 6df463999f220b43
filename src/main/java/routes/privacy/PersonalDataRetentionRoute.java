package routes.privacy;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.ScheduledErrorHandling;
import store.PersonalDataRetention;

/**
 * api: every {@code prequal.privacy.retention-check-interval}, the personal data of decided
 * applications submitted longer ago than {@code prequal.privacy.retention} is erased, a batch per
 * statement until none is left; decisions, amounts and audit trail stay.
 */
@Component
@ConditionalOnRole(Role.API)
public class PersonalDataRetentionRoute extends RouteBuilder {

  private final PersonalDataRetention retention;
  private final long intervalMs;

  PersonalDataRetentionRoute(PrequalProperties properties) {
    var privacy = properties.privacy();
    this.retention = new PersonalDataRetention(privacy.retention(), privacy.batchSize());
    this.intervalMs = privacy.retentionCheckInterval().toMillis();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("scheduler:personal-data-retention?delay=" + intervalMs + "&synchronous=true")
        .routeId("personal-data-retention")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .setHeader(SqlConstants.SQL_UPDATE_COUNT, constant(retention.batchSize()))
        .loopDoWhile(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(retention.batchSize()))
            .setBody(constant(retention))
            .to("sql:classpath:sql/erase-expired-personal-data.sql").id("erase-expired-personal-data")
            .filter(header(SqlConstants.SQL_UPDATE_COUNT).isGreaterThan(0))
                .log(LoggingLevel.INFO, "Retention erased the personal data of ${header."
                    + SqlConstants.SQL_UPDATE_COUNT + "} application(s)")
            .end()
        .end();
    // @formatter:on
  }
}
