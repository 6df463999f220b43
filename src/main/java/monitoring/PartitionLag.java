package monitoring;

/**
 * How many records of one partition a consumer group has yet to process: from its committed offset,
 * or from the earliest retained record when it has none (the consumers start from the earliest), to
 * the end of the partition. Records deleted by retention are not counted.
 */
public record PartitionLag(String group, String topic, int partition, long lag) {

  public static PartitionLag of(
      String group, String topic, int partition, Long committed, long earliest, long latest) {
    long next = committed == null ? earliest : Math.max(committed, earliest);
    return new PartitionLag(group, topic, partition, Math.max(0, latest - next));
  }

  public boolean exceeds(long threshold) {
    return lag > threshold;
  }

  @Override
  public String toString() {
    return group + " " + topic + "-" + partition + ": " + lag;
  }
}
