package prequal;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests that put messages on the topics, or read them, as another service
 * would.
 */
public final class KafkaTestClients {

  private KafkaTestClients() {}

  public static KafkaProducer<String, String> producer() {
    return producer(EmbeddedInfrastructure.kafkaBootstrapServers());
  }

  /** A producer of string records that waits for every in-sync replica, to any broker. */
  public static KafkaProducer<String, String> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }

  /** The first record on the topic, from its beginning, that the predicate accepts. */
  public static ConsumerRecord<String, String> awaitRecord(
      String topic, Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
    try (var consumer = reader()) {
      consumer.subscribe(List.of(topic));
      // The consumer's own poll does the waiting; it must stay on this thread.
      return await("a matching record on " + topic)
          .atMost(timeout)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(() -> firstWanted(consumer, wanted), Objects::nonNull);
    }
  }

  /** The records on the topic, from its beginning, with any of the keys, once each key has one. */
  public static List<ConsumerRecord<String, String>> awaitRecords(
      String topic, Set<String> keys, Duration timeout) {
    var found = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer = reader()) {
      consumer.subscribe(List.of(topic));
      await("a record for each of " + keys + " on " + topic)
          .atMost(timeout)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  if (keys.contains(record.key())) {
                    found.add(record);
                  }
                }
                return found.stream().map(ConsumerRecord::key).distinct().count() == keys.size();
              });
    }
    return found;
  }

  /** Every record on the topic, from its beginning to its end when called. */
  public static List<ConsumerRecord<String, String>> allRecords(String topic, Duration timeout) {
    return allRecords(EmbeddedInfrastructure.kafkaBootstrapServers(), topic, timeout);
  }

  /** Every record on the topic of any broker, from its beginning to its end when called. */
  public static List<ConsumerRecord<String, String>> allRecords(
      String bootstrapServers, String topic, Duration timeout) {
    var found = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer = reader(bootstrapServers)) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      await("every record on " + topic)
          .atMost(timeout)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  var partition = new TopicPartition(record.topic(), record.partition());
                  if (record.offset() < end.get(partition)) {
                    found.add(record);
                  }
                }
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }
    return found;
  }

  private static KafkaConsumer<String, String> reader() {
    return reader(EmbeddedInfrastructure.kafkaBootstrapServers());
  }

  private static KafkaConsumer<String, String> reader(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class));
  }

  private static ConsumerRecord<String, String> firstWanted(
      KafkaConsumer<String, String> consumer, Predicate<ConsumerRecord<String, String>> wanted) {
    for (var record : consumer.poll(Duration.ofMillis(200))) {
      if (wanted.test(record)) {
        return record;
      }
    }
    return null;
  }
}
