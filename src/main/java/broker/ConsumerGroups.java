package broker;

/** The Kafka consumer group of each consuming role; the lag monitor watches the same groups. */
public final class ConsumerGroups {

  public static final String CREDIT = "credit-service-group";
  public static final String DECISION = "decision-service-group";

  private ConsumerGroups() {}
}
