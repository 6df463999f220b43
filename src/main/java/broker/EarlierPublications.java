package broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import store.OutboxEvent;

/**
 * Which outbox rows claimed again are on their topic already. A relay that dies, or whose send
 * fails after the broker took the records, leaves rows published but not marked; the relay that
 * claims them again reads their topic from a minute before their first claim to its end, and a
 * record with the row's key and exactly its payload is that row, published. Only rows claimed
 * before are looked for, so the read costs nothing while no relay fails.
 */
@Component
public class EarlierPublications {

  /** Allows for the clocks of the database and the broker disagreeing. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration MAX_DURATION = Duration.ofSeconds(30);

  private final String brokers;
  private final KafkaSecurity security;

  EarlierPublications(
      @Value("${camel.component.kafka.brokers}") String brokers, KafkaSecurity security) {
    this.brokers = brokers;
    this.security = security;
  }

  /** The ids of the given rows, each claimed before, that their topics hold already. */
  public Set<Long> publishedAlready(List<OutboxEvent> claimedBefore) throws TimeoutException {
    var published = new HashSet<Long>();
    var byTopic = claimedBefore.stream().collect(Collectors.groupingBy(OutboxEvent::topic));
    for (var topic : byTopic.entrySet()) {
      published.addAll(publishedAlready(topic.getKey(), topic.getValue()));
    }
    return published;
  }

  private Set<Long> publishedAlready(String topic, List<OutboxEvent> rows) throws TimeoutException {
    var wanted = new HashMap<Map.Entry<String, String>, Long>();
    rows.forEach(row -> wanted.put(Map.entry(row.messageKey(), row.payload()), row.id()));
    var since =
        rows.stream().mapToLong(OutboxEvent::earlierClaimMillis).min().orElseThrow()
            - CLOCK_SKEW.toMillis();
    var found = new HashSet<Long>();
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig())) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      var end = consumer.endOffsets(partitions);
      var start =
          consumer.offsetsForTimes(
              partitions.stream().collect(Collectors.toMap(p -> p, p -> since)));
      for (var partition : partitions) {
        var offset = start.get(partition);
        consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
      }
      var deadline = System.nanoTime() + MAX_DURATION.toNanos();
      while (found.size() < wanted.size() && !TopicReads.reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Reading " + topic + " back took longer than " + MAX_DURATION);
        }
        for (var record : consumer.poll(POLL)) {
          var id =
              wanted.get(Map.entry(String.valueOf(record.key()), String.valueOf(record.value())));
          if (id != null) {
            found.add(id);
          }
        }
      }
    }
    return found;
  }

  private Map<String, Object> consumerConfig() {
    return TopicReads.consumerConfig(brokers, security, "outbox-read-back", Map.of());
  }
}
