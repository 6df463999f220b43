package prequal;

import java.util.Collection;

/**
 * A deployable part of the service; any combination can run in one JVM. Each role knows the service
 * name its logs carry and whether it works on the database (every role applies the migrations at
 * start-up, but only these query it afterwards).
 */
public enum Role {
  /** REST API and the outbox relay that publishes submitted applications. */
  API("prequal-api", true),
  /** Scores submitted applications and publishes credit reports. */
  CREDIT("credit-service", false),
  /** Applies the decision rules to credit reports and records the outcome. */
  DECISION("decision-service", true);

  private final String serviceName;
  private final boolean usesDatabase;

  Role(String serviceName, boolean usesDatabase) {
    this.serviceName = serviceName;
    this.usesDatabase = usesDatabase;
  }

  public String serviceName() {
    return serviceName;
  }

  public boolean usesDatabase() {
    return usesDatabase;
  }

  public static boolean anyUsesDatabase(Collection<Role> roles) {
    return roles.stream().anyMatch(Role::usesDatabase);
  }
}
