package broker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import prequal.PrequalProperties;

/**
 * Creates the three topics with their partitions and retention before any route starts: a consumer
 * that subscribed first would let the broker auto-create a topic with one partition. Its admin
 * client, with {@link KafkaSecurity} applied, also serves the health probe and the lag monitor.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

  @Bean(destroyMethod = "close")
  Admin kafkaAdmin(
      @Value("${camel.component.kafka.brokers}") String brokers,
      PrequalProperties properties,
      KafkaSecurity security) {
    var timeoutMs = (int) properties.healthTimeout().toMillis();
    return Admin.create(
        security.appliedTo(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.CLIENT_ID_CONFIG, "loan-prequal-admin")));
  }

  @Bean
  InitializingBean topicProvisioning(Admin admin, PrequalProperties properties) {
    return () -> provision(admin, properties.topics());
  }

  private static void provision(Admin admin, PrequalProperties.Topics topics) {
    var wanted =
        List.of(topics.submitted(), topics.creditReports(), topics.deadLetter(), topics.decisions())
            .stream()
            .map(
                spec ->
                    new NewTopic(spec.name(), spec.partitions(), topics.replicationFactor())
                        .configs(
                            Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(spec.retention().toMillis()))))
            .toList();
    // The admin client's own bound on a call is the health probe's, which a SASL login to a busy
    // broker can use up before the topics are even asked for.
    var result =
        admin.createTopics(
            wanted,
            new CreateTopicsOptions().timeoutMs((int) topics.provisionTimeout().toMillis()));
    for (var entry : result.values().entrySet()) {
      try {
        entry.getValue().get(topics.provisionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Created topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) {
          log.debug("Topic {} already exists", entry.getKey());
        } else {
          log.warn("Could not create topic {}: {}", entry.getKey(), e.getCause().getMessage());
        }
      } catch (TimeoutException e) {
        log.warn(
            "Kafka did not answer within {} while creating topic {}; continuing, the routes retry",
            topics.provisionTimeout(),
            entry.getKey());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
