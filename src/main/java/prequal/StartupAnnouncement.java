package prequal;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to reach it, and where its operators do. */
@Component
class StartupAnnouncement {

  private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);
  private static final String MANAGEMENT = "management";

  private final PrequalProperties properties;
  private final AtomicInteger managementPort = new AtomicInteger();

  StartupAnnouncement(PrequalProperties properties) {
    this.properties = properties;
  }

  /** The management server runs in a child context, whose events reach this one. */
  @EventListener
  void remember(WebServerInitializedEvent event) {
    if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
      managementPort.set(event.getWebServer().getPort());
    }
  }

  @EventListener
  void announce(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    var base = "http://localhost:" + web.getWebServer().getPort();
    var management =
        (managementPort.get() > 0 ? "http://localhost:" + managementPort.get() : base)
            + "/actuator";
    log.info(
        "Ready with roles {}: API {}/applications, contract {}/openapi.yaml (or .json), health"
            + " {}/health, reviewer console {}/console/, applicant page {}/applicant/;"
            + " management {} (hawtio, Jolokia, Prometheus, probes)",
        properties.roles(),
        base,
        base,
        base,
        base,
        base,
        management);
  }
}
