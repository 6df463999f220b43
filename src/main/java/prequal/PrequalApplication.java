package prequal;

import io.hawt.springboot.HawtioManagementConfiguration;
import org.jolokia.support.spring.actuator.JolokiaEndpointAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One application, three roles (api, credit, decision) chosen by {@code prequal.roles}.
 *
 * <p>Two auto-configurations are left out: Jolokia's endpoint, which {@code
 * web.JolokiaEndpointConfiguration} replaces, and hawtio's servlets and filters, which would
 * otherwise be registered with the public server as well; hawtio still brings them to the
 * management server, which imports them on its own.
 */
@SpringBootApplication(
    exclude = {JolokiaEndpointAutoConfiguration.class, HawtioManagementConfiguration.class},
    scanBasePackages = {
      "prequal",
      "broker",
      "health",
      "logging",
      "monitoring",
      "resilience",
      "routes",
      "web"
    })
@ConfigurationPropertiesScan(basePackages = {"prequal", "broker"})
public class PrequalApplication {

  public static void main(String[] args) {
    SpringApplication.run(PrequalApplication.class, args);
  }
}
