package prequal;

/** A deployable part of the service; any combination can run in one JVM. */
public enum Role {
  /** REST API and the outbox relay that publishes submitted applications. */
  API,
  /** Scores submitted applications and publishes credit reports. */
  CREDIT,
  /** Applies the decision rules to credit reports and records the outcome. */
  DECISION
}
