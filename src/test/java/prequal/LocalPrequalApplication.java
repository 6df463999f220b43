package prequal;

import org.springframework.boot.SpringApplication;

/**
 * The embedded local run ({@code ./mvnw spring-boot:test-run}): starts Kafka and PostgreSQL in this
 * JVM unless the environment names real ones, then the service with all roles and the {@code local}
 * profile (hawtio without a login).
 */
public final class LocalPrequalApplication {

  private LocalPrequalApplication() {}

  public static void main(String[] args) {
    EmbeddedInfrastructure.start().forEach(System::setProperty);
    SpringApplication.from(PrequalApplication::main).withAdditionalProfiles("local").run(args);
  }
}
