package harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker child process goes away when stopped or killed and comes back on the same address with
 * its topics, records and committed offsets, as the fault tests need it to.
 */
class KafkaBrokerProcessIT {

  private static final String TOPIC = "broker-process-probe";
  private static final String GROUP = "broker-process-group";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir Path temp;

  @Test
  void topicsRecordsAndCommittedOffsetsSurviveAStopAndAKill() throws Exception {
    var dataDir = temp.resolve("kafka");
    try (var broker = KafkaBrokerProcess.start(dataDir)) {
      var address = broker.bootstrapServers();
      assertThat(broker.isRunning()).isTrue();
      try (var admin = admin(address)) {
        admin
            .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
            .all()
            .get(10, TimeUnit.SECONDS);
      }
      produce(address, "first", "second", "third");
      assertThat(consumeAndCommit(address, GROUP, 2)).containsExactly("first", "second");

      broker.stop();

      assertThat(broker.isRunning()).isFalse();
      assertUnreachable(address);

      broker.restart();

      assertThat(broker.isRunning()).isTrue();
      assertThat(broker.bootstrapServers()).isEqualTo(address);
      assertSurvived(address, 2, "first", "second", "third");
      produce(address, "fourth");

      broker.kill();

      assertThat(broker.isRunning()).isFalse();
      assertUnreachable(address);

      broker.restart();

      assertSurvived(address, 2, "first", "second", "third", "fourth");
      assertThat(consumeAndCommit(address, GROUP, 2)).containsExactly("third", "fourth");
    }
    assertThat(dataDir).doesNotExist();
  }

  private static void assertSurvived(String address, long committed, String... records)
      throws Exception {
    try (var admin = admin(address)) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(TOPIC);
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      assertThat(offsets.get(PARTITION).offset()).isEqualTo(committed);
    }
    assertThat(readAll(address, records.length)).containsExactly(records);
  }

  private static void assertUnreachable(String address) {
    try (var admin = admin(address)) {
      long started = System.nanoTime();
      assertThatThrownBy(
              () ->
                  admin
                      .describeCluster(new DescribeClusterOptions().timeoutMs(1_000))
                      .nodes()
                      .get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  private static Admin admin(String address) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
  }

  private static void produce(String address, String... values) throws Exception {
    try (var producer =
        new KafkaProducer<String, String>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                address,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
      for (var value : values) {
        producer.send(new ProducerRecord<>(TOPIC, value, value)).get(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Reads {@code count} records from the group's committed position and commits past them; one
   * record per poll, so the position is exactly past what was read.
   */
  private static List<String> consumeAndCommit(String address, String group, int count) {
    try (var consumer = consumer(address, group)) {
      consumer.subscribe(List.of(TOPIC));
      var values = poll(consumer, count);
      consumer.commitSync();
      return values;
    }
  }

  private static List<String> readAll(String address, int count) {
    try (var consumer = consumer(address, null)) {
      consumer.assign(List.of(PARTITION));
      consumer.seekToBeginning(List.of(PARTITION));
      return poll(consumer, count);
    }
  }

  private static List<String> poll(KafkaConsumer<String, String> consumer, int count) {
    var values = new ArrayList<String>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (values.size() < count && System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        if (values.size() < count) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  private static KafkaConsumer<String, String> consumer(String address, String group) {
    var config = new HashMap<String, Object>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(config);
  }
}
