package routes.outbox;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.ScheduledErrorHandling;
import store.OutboxRetention;

/**
 * api: published outbox rows are kept for {@code prequal.outbox.retention} (for audit and
 * re-drive), then deleted, every {@code prequal.outbox.retention-check-interval}.
 */
@Component
@ConditionalOnRole(Role.API)
public class OutboxRetentionRoute extends RouteBuilder {

  private final OutboxRetention retention;
  private final long intervalMs;

  OutboxRetentionRoute(PrequalProperties properties) {
    this.retention = new OutboxRetention(properties.outbox().retention());
    this.intervalMs = properties.outbox().retentionCheckInterval().toMillis();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("scheduler:outbox-retention?delay=" + intervalMs + "&synchronous=true")
        .routeId("outbox-retention")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .setBody(constant(retention))
        .to("sql:classpath:sql/delete-published-outbox.sql");
    // @formatter:on
  }
}
