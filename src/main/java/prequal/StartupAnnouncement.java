package prequal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to reach it. */
@Component
class StartupAnnouncement {

  private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);

  private final PrequalProperties properties;

  StartupAnnouncement(PrequalProperties properties) {
    this.properties = properties;
  }

  @EventListener
  void announce(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    var base = "http://localhost:" + web.getWebServer().getPort();
    log.info(
        "Ready with roles {}: API {}/applications, contract {}/openapi.yaml, health {}/health",
        properties.roles(),
        base,
        base,
        base);
  }
}
