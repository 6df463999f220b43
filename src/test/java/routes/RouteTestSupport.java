package routes;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.test.context.DynamicPropertyRegistry;
import prequal.EmbeddedInfrastructure;

/** What the route tests share: the embedded infrastructure and a consumed record's headers. */
final class RouteTestSupport {

  private RouteTestSupport() {}

  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.start().forEach((key, value) -> registry.add(key, () -> value));
  }

  /** The headers camel-kafka puts on a consumed record, with a commit that only counts. */
  static Map<String, Object> consumedRecord(String topic, long offset, AtomicInteger commits) {
    KafkaManualCommit commit = commits::incrementAndGet;
    return Map.of(
        KafkaConstants.TOPIC, topic,
        KafkaConstants.PARTITION, 1,
        KafkaConstants.OFFSET, offset,
        KafkaConstants.MANUAL_COMMIT, commit);
  }
}
