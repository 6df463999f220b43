package monitoring;

import broker.ConsumerGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;

/**
 * Measures the lag of the consumer groups this process runs (credit-service-group for the credit
 * role, decision-service-group for the decision role) from the broker's view: committed offsets
 * against the end of each partition. The routes commit only after the work is durable, so this is
 * the work truly outstanding. Each partition's last measurement is a gauge, {@code
 * prequal_consumer_lag{group, topic, partition}}.
 */
@Component
@ConditionalOnRole({Role.CREDIT, Role.DECISION})
public class ConsumerLagMonitor {

  static final String GAUGE = "prequal.consumer.lag";

  private final Admin admin;
  private final MeterRegistry registry;
  private final long timeoutMs;
  private final long warnThreshold;
  private final Map<String, String> topicByGroup = new LinkedHashMap<>();
  private final Map<TopicPartitionOfGroup, AtomicLong> gauges = new ConcurrentHashMap<>();

  ConsumerLagMonitor(Admin admin, MeterRegistry registry, PrequalProperties properties) {
    this.admin = admin;
    this.registry = registry;
    this.timeoutMs = properties.healthTimeout().toMillis();
    this.warnThreshold = properties.monitoring().lagWarnThreshold();
    if (properties.runs(Role.CREDIT)) {
      topicByGroup.put(ConsumerGroups.CREDIT, properties.topics().submitted().name());
    }
    if (properties.runs(Role.DECISION)) {
      topicByGroup.put(ConsumerGroups.DECISION, properties.topics().creditReports().name());
    }
  }

  public List<PartitionLag> measure()
      throws ExecutionException, InterruptedException, TimeoutException {
    var lags = new ArrayList<PartitionLag>();
    for (var watched : topicByGroup.entrySet()) {
      lags.addAll(measure(watched.getKey(), watched.getValue()));
    }
    lags.forEach(this::publish);
    return lags;
  }

  public List<PartitionLag> aboveThreshold(List<PartitionLag> lags) {
    return lags.stream().filter(lag -> lag.exceeds(warnThreshold)).toList();
  }

  private List<PartitionLag> measure(String group, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    var partitions =
        await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    var earliest = offsets(partitions, OffsetSpec.earliest());
    var latest = offsets(partitions, OffsetSpec.latest());
    return partitions.stream()
        .map(
            partition -> {
              var offset = committed.get(partition);
              return PartitionLag.of(
                  group,
                  topic,
                  partition.partition(),
                  offset == null ? null : offset.offset(),
                  earliest.get(partition),
                  latest.get(partition));
            })
        .toList();
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    var request =
        partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
    var result = await(admin.listOffsets(request).all());
    var offsets = new LinkedHashMap<TopicPartition, Long>();
    result.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private <T> T await(KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private void publish(PartitionLag lag) {
    gauges
        .computeIfAbsent(
            new TopicPartitionOfGroup(lag.group(), lag.topic(), lag.partition()), this::register)
        .set(lag.lag());
  }

  private AtomicLong register(TopicPartitionOfGroup key) {
    var value = new AtomicLong();
    Gauge.builder(GAUGE, value, AtomicLong::get)
        .description("Records a consumer group has yet to process, per partition")
        .tags(
            Tags.of(
                "group", key.group(),
                "topic", key.topic(),
                "partition", Integer.toString(key.partition())))
        .register(registry);
    return value;
  }

  private record TopicPartitionOfGroup(String group, String topic, int partition) {}
}
