package prequal;

import io.hawt.springboot.HawtioManagementConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One application, three roles (api, credit, decision) chosen by {@code prequal.roles}.
 *
 * <p>hawtio's servlets and filters are left out of the auto-configuration, which would register
 * them with the public server as well; hawtio still brings them to the management server, which
 * imports them on its own.
 */
@SpringBootApplication(
    exclude = HawtioManagementConfiguration.class,
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
@ConfigurationPropertiesScan(basePackages = {"prequal"})
public class PrequalApplication {

  public static void main(String[] args) {
    SpringApplication.run(PrequalApplication.class, args);
  }
}
