package broker;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the consumer routes, which take a poll's records as one batch, move their partitions on.
 *
 * <ul>
 *   <li>A batch is committed once its work is durable (or dead-lettered): one synchronous commit
 *       per partition, of the batch's last record there.
 *   <li>A batch given up (retries exhausted, or a shutdown) is <em>rewound</em>: each partition's
 *       consumer position goes back to the batch's first record there, so the next poll reads it
 *       again, as a single-record consumer's {@code breakOnFirstError} would. Records fetched
 *       before the rewind that camel-kafka still holds for a later batch of the same poll are then
 *       no longer {@linkplain RecordPosition#isCurrent() current}, and the routes leave them alone:
 *       otherwise committing them would carry the partition past the records given up.
 * </ul>
 *
 * camel-kafka's own factories do not serve a batch: the asynchronous one only caches offsets until
 * a rebalance in batching mode, the synchronous one cannot rewind. The Kafka component autowires
 * this bean; every batch runs on its consumer's polling thread, the one thread that may call it.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaCommits {

  /** The consumer a record came from and where the record stands in its partition. */
  public interface RecordPosition extends KafkaManualCommit {

    TopicPartition partition();

    long offset();

    /**
     * Whether the record is still ahead of its consumer's position: not fetched before a rewind.
     */
    boolean isCurrent();

    /** Moves the consumer's position on the record's partition back to the record. */
    void rewind();
  }

  @Bean
  KafkaManualCommitFactory kafkaManualCommitFactory() {
    return KafkaCommits::position;
  }

  private static RecordPosition position(
      KafkaManualCommitFactory.CamelExchangePayload exchange,
      KafkaManualCommitFactory.KafkaRecordPayload record,
      CommitManager commitManager) {
    return new ConsumerRecordPosition(
        exchange.consumer,
        record.partition,
        record.recordOffset,
        Duration.ofMillis(record.commitTimeout));
  }

  public static RecordPosition of(Exchange record) {
    return record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, RecordPosition.class);
  }

  /** Commits each partition of the batch up to and including its last record in the batch. */
  public static void commit(Collection<Exchange> records) {
    lastOfEachPartition(records).values().forEach(RecordPosition::commit);
  }

  /** Rewinds each partition of the batch to its first record in the batch. */
  public static void rewind(List<Exchange> records) {
    var first = new LinkedHashMap<TopicPartition, RecordPosition>();
    for (var record : records) {
      var position = of(record);
      first.putIfAbsent(position.partition(), position);
    }
    first.values().forEach(RecordPosition::rewind);
  }

  private static Map<TopicPartition, RecordPosition> lastOfEachPartition(
      Collection<Exchange> records) {
    var last = new LinkedHashMap<TopicPartition, RecordPosition>();
    for (var record : records) {
      var position = of(record);
      last.put(position.partition(), position);
    }
    return last;
  }

  private record ConsumerRecordPosition(
      Consumer<?, ?> consumer, TopicPartition partition, long offset, Duration commitTimeout)
      implements RecordPosition {

    @Override
    public void commit() {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)), commitTimeout);
    }

    @Override
    public boolean isCurrent() {
      // A partition this consumer no longer holds is another consumer's to read.
      return consumer.assignment().contains(partition) && offset < consumer.position(partition);
    }

    @Override
    public void rewind() {
      if (consumer.assignment().contains(partition)) {
        consumer.seek(partition, offset);
      }
    }
  }
}
