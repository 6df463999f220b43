package prequal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One application, three roles (api, credit, decision) chosen by {@code prequal.roles}. */
@SpringBootApplication(
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
