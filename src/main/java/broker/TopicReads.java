package broker;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The service's own reads of a topic outside the routes (the dead-letter re-drive, the outbox's
 * read-back): a consumer of strings that commits nothing by itself, read up to where the topic
 * ended when the read began.
 */
final class TopicReads {

  private TopicReads() {}

  /** A consumer's settings, logged in like every other client; {@code more} adds or overrides. */
  static Map<String, Object> consumerConfig(
      String brokers, KafkaSecurity security, String clientIdPrefix, Map<String, Object> more) {
    var config = new HashMap<String, Object>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.putAll(more);
    return security.appliedTo(config);
  }

  /** Whether the consumer has read every partition up to the given end offsets. */
  static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
