package broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a batch's commit and rewind do to its consumer, on Kafka's own in-memory consumer: the
 * offsets committed, the positions moved, and which records still count as current.
 */
class KafkaCommitsTest {

  private static final TopicPartition FIRST = new TopicPartition("credit_reports_generated", 0);
  private static final TopicPartition SECOND = new TopicPartition("credit_reports_generated", 1);

  private final MockConsumer<Object, Object> consumer =
      new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final KafkaManualCommitFactory factory = new KafkaCommits().kafkaManualCommitFactory();
  private final DefaultCamelContext camel = new DefaultCamelContext();

  @BeforeEach
  void assignBothPartitions() {
    consumer.assign(List.of(FIRST, SECOND));
    // As after a poll that returned offsets 3 to 5 of the first partition and 7 of the second.
    consumer.seek(FIRST, 6);
    consumer.seek(SECOND, 8);
  }

  @Test
  void commitsEachPartitionUpToItsLastRecordInTheBatch() {
    var batch = records(FIRST, 3, 5);
    batch.addAll(records(SECOND, 7, 7));

    KafkaCommits.commit(batch);

    assertThat(consumer.committed(Set.of(FIRST, SECOND)))
        .isEqualTo(Map.of(FIRST, new OffsetAndMetadata(6), SECOND, new OffsetAndMetadata(8)));
  }

  @Test
  void rewindMovesEachPartitionBackToItsFirstRecordInTheBatchAndCommitsNothing() {
    var batch = records(FIRST, 4, 5);
    batch.addAll(records(SECOND, 7, 7));

    KafkaCommits.rewind(batch);

    assertThat(consumer.position(FIRST)).isEqualTo(4);
    assertThat(consumer.position(SECOND)).isEqualTo(7);
    assertThat(consumer.committed(Set.of(FIRST, SECOND))).isEmpty();
  }

  /** Records fetched before a rewind are read again by the next poll: these copies are stale. */
  @Test
  void recordsAtOrAfterARewoundPositionAreNoLongerCurrent() {
    var fetched = records(FIRST, 3, 5);
    assertThat(fetched).allMatch(record -> KafkaCommits.of(record).isCurrent());

    KafkaCommits.rewind(fetched.subList(1, 3));

    assertThat(fetched)
        .extracting(record -> KafkaCommits.of(record).isCurrent())
        .containsExactly(true, false, false);
  }

  @Test
  void recordOfAPartitionNoLongerAssignedIsNotCurrentAndRewindsNothing() {
    var record = records(SECOND, 7, 7);
    consumer.assign(List.of(FIRST));

    KafkaCommits.rewind(record);

    assertThat(KafkaCommits.of(record.get(0)).isCurrent()).isFalse();
    assertThat(consumer.assignment()).containsExactly(FIRST);
  }

  private List<Exchange> records(TopicPartition partition, long first, long last) {
    return LongStream.rangeClosed(first, last)
        .mapToObj(offset -> record(partition, offset))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private Exchange record(TopicPartition partition, long offset) {
    var exchange = new DefaultExchange(camel);
    var commit =
        factory.newInstance(
            new KafkaManualCommitFactory.CamelExchangePayload(exchange, consumer, "test", null),
            new KafkaManualCommitFactory.KafkaRecordPayload(partition, offset, 1_000),
            null);
    exchange.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, commit);
    return exchange;
  }
}
