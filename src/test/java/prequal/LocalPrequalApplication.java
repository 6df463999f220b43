package prequal;

import org.springframework.boot.SpringApplication;

/**
 * The embedded local run ({@code ./mvnw spring-boot:test-run}): starts Kafka and PostgreSQL in
 * this JVM unless the environment names real ones, then the service with all roles.
 */
public final class LocalPrequalApplication {

  private LocalPrequalApplication() {}

  public static void main(String[] args) {
    EmbeddedInfrastructure.start().forEach(System::setProperty);
    SpringApplication.from(PrequalApplication::main).run(args);
  }
}
