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
 * offsets committed and the positions moved, before and after a rewind.
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

  /**
   * camel-kafka may hold records fetched before a rewind and hand them over as a later batch:
   * committing them would carry the partition past the records given up.
   */
  @Test
  void batchFetchedBeforeARewindIsNotCommittedUntilTheRewoundRecordsAre() {
    consumer.seek(FIRST, 9);
    var givenUp = records(FIRST, 3, 5);
    var heldBack = records(FIRST, 6, 8);

    KafkaCommits.rewind(givenUp);
    KafkaCommits.commit(heldBack);

    assertThat(consumer.position(FIRST)).isEqualTo(3);
    assertThat(consumer.committed(Set.of(FIRST))).isEmpty();

    KafkaCommits.commit(records(FIRST, 3, 5));
    assertThat(consumer.committed(Set.of(FIRST))).containsEntry(FIRST, new OffsetAndMetadata(6));

    KafkaCommits.commit(records(FIRST, 6, 8));
    assertThat(consumer.committed(Set.of(FIRST))).containsEntry(FIRST, new OffsetAndMetadata(9));
  }

  @Test
  void aLaterRewindNeverMovesThePositionForwardPastAnEarlierOne() {
    consumer.seek(FIRST, 9);

    KafkaCommits.rewind(records(FIRST, 3, 5));
    KafkaCommits.rewind(records(FIRST, 6, 8));
    assertThat(consumer.position(FIRST)).isEqualTo(3);

    KafkaCommits.commit(records(FIRST, 6, 8));
    assertThat(consumer.committed(Set.of(FIRST))).isEmpty();
  }

  @Test
  void rewoundPartitionCommittedPastItsRewindByAnotherConsumerIsCommittedAgain() {
    KafkaCommits.rewind(records(FIRST, 3, 5));
    // After a rebalance the partition's new owner worked the records and committed past them.
    consumer.commitSync(Map.of(FIRST, new OffsetAndMetadata(10)));

    KafkaCommits.commit(records(FIRST, 10, 11));
    KafkaCommits.commit(records(FIRST, 12, 12));

    assertThat(consumer.committed(Set.of(FIRST))).containsEntry(FIRST, new OffsetAndMetadata(13));
  }

  @Test
  void rewindOfOnePartitionLeavesTheOthersCommits() {
    KafkaCommits.rewind(records(FIRST, 3, 5));

    KafkaCommits.commit(records(SECOND, 7, 7));

    assertThat(consumer.committed(Set.of(SECOND))).containsEntry(SECOND, new OffsetAndMetadata(8));
  }

  @Test
  void partitionNoLongerAssignedIsNotRewound() {
    var record = records(SECOND, 7, 7);
    consumer.assign(List.of(FIRST));

    KafkaCommits.rewind(record);

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
