package broker;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the consumer routes' offsets reach Kafka. A route commits a record only once its work is
 * durable; with this factory that records the offset, and the consumer commits each partition's
 * latest recorded offset asynchronously after the poll's records are processed, instead of a
 * synchronous broker round trip per record. A commit lost in a crash only redelivers records whose
 * processing is idempotent. The Kafka component autowires this bean.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaCommits {

  @Bean
  KafkaManualCommitFactory kafkaManualCommitFactory() {
    return new DefaultKafkaManualAsyncCommitFactory();
  }

  /** Commits the record a consumer route is handling: its work is durable, or dead-lettered. */
  public static void commit(Exchange exchange) {
    exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
  }
}
