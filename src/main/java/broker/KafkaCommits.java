package broker;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
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
 *       again, as a single-record consumer's {@code breakOnFirstError} would.
 *   <li>Until a batch reaching back to that record is committed, the partition is not committed at
 *       all. camel-kafka may still hold records fetched before the rewind, beyond the ones given
 *       up, and hand them over as a later batch; their commit would carry the partition past the
 *       records given up. They are worked (every stage is idempotent), not committed, and read
 *       again after the rewound ones. A later rewind never moves the position forward past an
 *       earlier one. If another consumer has meanwhile committed the partition past the rewound
 *       record, after a rebalance, that consumer has worked it, and commits go on.
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
     * Commits the partition through this record, the last one there of a batch whose first one
     * there is at {@code batchStart}, unless records rewound to are still to be read again.
     */
    void commitBatchFrom(long batchStart);

    /** Moves the consumer's position on the record's partition back to the record. */
    void rewind();

    @Override
    default void commit() {
      commitBatchFrom(offset());
    }
  }

  @Bean
  KafkaManualCommitFactory kafkaManualCommitFactory() {
    // Weak keys: a consumer camel-kafka replaces on reconnect takes its rewinds with it.
    Map<Consumer<?, ?>, Map<TopicPartition, Long>> rewoundByConsumer =
        Collections.synchronizedMap(new WeakHashMap<>());
    return (exchange, record, commitManager) ->
        new ConsumerRecordPosition(
            exchange.consumer,
            rewoundByConsumer.computeIfAbsent(exchange.consumer, consumer -> new HashMap<>()),
            record.partition,
            record.recordOffset,
            Duration.ofMillis(record.commitTimeout));
  }

  public static RecordPosition of(Exchange record) {
    return record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, RecordPosition.class);
  }

  /** Commits each partition of the batch up to and including its last record in the batch. */
  public static void commit(Collection<Exchange> records) {
    spans(records).forEach(span -> span.last().commitBatchFrom(span.first().offset()));
  }

  /** Rewinds each partition of the batch to its first record in the batch. */
  public static void rewind(Collection<Exchange> records) {
    spans(records).forEach(span -> span.first().rewind());
  }

  /** A partition's first and last record in a batch. */
  private record Span(RecordPosition first, RecordPosition last) {}

  private static Collection<Span> spans(Collection<Exchange> records) {
    var spans = new LinkedHashMap<TopicPartition, Span>();
    for (var record : records) {
      var position = of(record);
      spans.merge(
          position.partition(),
          new Span(position, position),
          (earlier, next) -> new Span(earlier.first(), next.last()));
    }
    return spans.values();
  }

  /**
   * A record's position, with the partitions its consumer has rewound and the offset each went back
   * to; only the consumer's polling thread touches them.
   */
  private record ConsumerRecordPosition(
      Consumer<?, ?> consumer,
      Map<TopicPartition, Long> rewound,
      TopicPartition partition,
      long offset,
      Duration commitTimeout)
      implements RecordPosition {

    @Override
    public void commitBatchFrom(long batchStart) {
      var rewoundTo = rewound.get(partition);
      if (rewoundTo != null) {
        if (batchStart > rewoundTo && !committedPast(rewoundTo)) {
          return;
        }
        if (offset >= rewoundTo) {
          rewound.remove(partition);
        }
      }
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)), commitTimeout);
    }

    @Override
    public void rewind() {
      // A partition this consumer no longer holds is another consumer's to read.
      if (!consumer.assignment().contains(partition)) {
        return;
      }
      var to = Math.min(offset, rewound.getOrDefault(partition, offset));
      consumer.seek(partition, to);
      rewound.put(partition, to);
    }

    private boolean committedPast(long rewoundTo) {
      var committed = consumer.committed(Set.of(partition), commitTimeout).get(partition);
      return committed != null && committed.offset() > rewoundTo;
    }
  }
}
