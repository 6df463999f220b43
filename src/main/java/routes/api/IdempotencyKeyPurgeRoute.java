package routes.api;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.ScheduledErrorHandling;
import store.IdempotencyKeyRetention;

/**
 * api: Idempotency-Keys older than {@code prequal.api.idempotency-key-retention} are deleted every
 * {@code prequal.api.idempotency-key-purge-interval}. Until then the submission statement treats
 * such a key as free, so a key may be reused after its retention whether or not it was purged yet.
 */
@Component
@ConditionalOnRole(Role.API)
public class IdempotencyKeyPurgeRoute extends RouteBuilder {

  private final IdempotencyKeyRetention retention;
  private final long intervalMs;

  IdempotencyKeyPurgeRoute(PrequalProperties properties) {
    this.retention = new IdempotencyKeyRetention(properties.api().idempotencyKeyRetention());
    this.intervalMs = properties.api().idempotencyKeyPurgeInterval().toMillis();
  }

  @Override
  public void configure() {
    // @formatter:off
    from("scheduler:idempotency-key-purge?delay=" + intervalMs + "&synchronous=true")
        .routeId("idempotency-key-purge")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .setBody(constant(retention))
        .to("sql:classpath:sql/delete-expired-idempotency-keys.sql");
    // @formatter:on
  }
}
