package routes.shared;

import broker.KafkaCommits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import messages.InvalidMessageException;
import org.apache.camel.Exchange;

/**
 * A poll's records as a consumer route works them, kept on the batch exchange while its body goes
 * from step to step: each record read into its message, and the ones that can never succeed set
 * aside, with why, to be dead-lettered one by one.
 *
 * <p>A record holding no message (a tombstone, the JSON {@code null}), one that is not JSON or
 * breaks the message rules, is poison when read; a route sets others aside later ({@link
 * #setAside}), once it knows. The batch is committed, as a whole, only after every good message is
 * worked and every poison record dead-lettered.
 */
public final class ConsumedBatch<T> {

  private static final String PROPERTY = "consumedBatch";

  /** A record and the message it holds. */
  public record Consumed<T>(Exchange record, T message) {}

  /** A record that can never succeed, and why. */
  public record Poison(Exchange record, Exception cause) {}

  private final List<Exchange> records;
  private final List<Consumed<T>> messages;
  private final List<Poison> poison;

  private ConsumedBatch(List<Exchange> records, List<Consumed<T>> messages, List<Poison> poison) {
    this.records = records;
    this.messages = messages;
    this.poison = poison;
  }

  /** Reads the batch exchange's records and keeps the result on it. */
  public static <T> ConsumedBatch<T> read(Exchange batch, ObjectReader reader, Class<T> type) {
    var records = records(batch);
    var messages = new ArrayList<Consumed<T>>();
    var poison = new ArrayList<Poison>();
    for (var record : records) {
      try {
        messages.add(new Consumed<>(record, type.cast(message(record, reader))));
      } catch (JsonProcessingException | InvalidMessageException e) {
        poison.add(new Poison(record, e));
      }
    }
    var consumed = new ConsumedBatch<T>(records, messages, poison);
    batch.setProperty(PROPERTY, consumed);
    return consumed;
  }

  /** The batch the exchange's first step read. */
  @SuppressWarnings("unchecked")
  public static <T> ConsumedBatch<T> of(Exchange batch) {
    return batch.getProperty(PROPERTY, ConsumedBatch.class);
  }

  /** The records camel-kafka handed the route, in the order they were polled. */
  @SuppressWarnings("unchecked")
  public static List<Exchange> records(Exchange batch) {
    return batch.getMessage().getBody(List.class);
  }

  /** Commits the batch's partitions: every good message worked, every poison one dead-lettered. */
  public static void commit(Exchange batch) {
    KafkaCommits.commit(of(batch).records);
  }

  /**
   * Gives the batch up: rewinds its partitions to its first record on each, for the next poll. A
   * batch that failed before it was read still holds its records as its body.
   */
  public static void rewind(Exchange batch) {
    ConsumedBatch<?> consumed = of(batch);
    KafkaCommits.rewind(consumed != null ? consumed.records : records(batch));
  }

  /** The good messages, in the order they were polled. */
  public List<Consumed<T>> messages() {
    return messages;
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** Takes a message out of the batch's work, as poison. */
  public void setAside(Consumed<T> consumed, Exception cause) {
    messages.remove(consumed);
    poison.add(new Poison(consumed.record(), cause));
  }

  /** The poison records still to dead-letter; each is removed once its dead letter is sent. */
  Iterator<Poison> poisonToDeadLetter() {
    return poison.iterator();
  }

  private static Object message(Exchange record, ObjectReader reader)
      throws JsonProcessingException {
    var value = record.getMessage().getBody(String.class);
    Object message = value == null ? null : reader.readValue(value);
    return ConsumedMessages.required(message);
  }
}
