package broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import messages.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import privacy.PersonalDataCipher;
import privacy.SealedField;

/**
 * Sends dead letters back to the topic they came from, once an operator has fixed what made them
 * fail. It moves what the dead-letter topic holds when it is called, no more (a message that fails
 * again is dead-lettered afresh, not looped), and remembers its progress in the consumer group
 * {@value #GROUP}, so a second call does not move the same letters twice.
 */
@Component
public class DeadLetterRedrive {

  static final String GROUP = "dead-letter-redrive";
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration MAX_DURATION = Duration.ofMinutes(2);
  private static final Pattern SEALED = Pattern.compile("[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]+=*");

  private final String brokers;
  private final KafkaSecurity security;
  private final String deadLetterTopic;
  private final ObjectMapper objectMapper;
  private final PersonalDataCipher cipher;

  DeadLetterRedrive(
      @Value("${camel.component.kafka.brokers}") String brokers,
      KafkaSecurity security,
      PrequalProperties properties,
      ObjectMapper objectMapper,
      PersonalDataCipher cipher) {
    this.cipher = cipher;
    this.brokers = brokers;
    this.security = security;
    this.deadLetterTopic = properties.topics().deadLetter().name();
    this.objectMapper = objectMapper;
  }

  /** How many dead letters one call sent back: the body of the re-drive endpoint's answer. */
  public record Redriven(int moved) {}

  /** Moves every dead letter present now; returns how many were sent back. */
  public Redriven redrive() throws IOException, ExecutionException, InterruptedException {
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig());
        var producer = new KafkaProducer<String, String>(producerConfig())) {
      var partitions =
          consumer.partitionsFor(deadLetterTopic).stream()
              .map(info -> new TopicPartition(deadLetterTopic, info.partition()))
              .toList();
      consumer.assign(partitions);
      var end = consumer.endOffsets(partitions);
      int moved = 0;
      var deadline = System.nanoTime() + MAX_DURATION.toNanos();
      while (!TopicReads.reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "Re-drive stopped after " + MAX_DURATION + " with " + moved + " moved; call again");
        }
        var sends = new ArrayList<Future<RecordMetadata>>();
        var processed = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (var record : consumer.poll(POLL)) {
          var partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition)) {
            continue;
          }
          sends.add(producer.send(backToOrigin(record)));
          processed.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        for (var send : sends) {
          send.get();
        }
        consumer.commitSync(processed);
        moved += sends.size();
      }
      log.info("Re-drove {} dead letter(s) to their original topics", moved);
      return new Redriven(moved);
    }
  }

  private ProducerRecord<String, String> backToOrigin(ConsumerRecord<String, String> record)
      throws IOException {
    var deadLetter = objectMapper.readValue(record.value(), DeadLetter.class);
    var payload = deadLetter.payload();
    // Dead letters written before payloads were sealed hold the message itself.
    if (payload != null && SEALED.matcher(payload).matches()) {
      payload = cipher.open(SealedField.deadLetterPayload(deadLetter.originalTopic()), payload);
    }
    return new ProducerRecord<>(deadLetter.originalTopic(), record.key(), payload);
  }

  private Map<String, Object> consumerConfig() {
    return TopicReads.consumerConfig(
        brokers,
        security,
        GROUP,
        Map.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            GROUP,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"));
  }

  private Map<String, Object> producerConfig() {
    return security.appliedTo(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            brokers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }
}
