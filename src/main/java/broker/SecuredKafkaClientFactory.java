package broker;

import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the producers and consumers of the Camel routes with {@link KafkaSecurity} added to what
 * the Kafka component configured, so every endpoint gets the settings without each route or {@code
 * camel.component.kafka.*} option repeating them.
 */
final class SecuredKafkaClientFactory extends DefaultKafkaClientFactory {

  private final KafkaSecurity security;

  SecuredKafkaClientFactory(KafkaSecurity security) {
    this.security = security;
  }

  @Override
  public Producer<?, ?> getProducer(Properties kafkaProps) {
    return super.getProducer(secured(kafkaProps));
  }

  @Override
  public Consumer<?, ?> getConsumer(Properties kafkaProps) {
    return super.getConsumer(secured(kafkaProps));
  }

  private Properties secured(Properties kafkaProps) {
    var secured = new Properties();
    secured.putAll(kafkaProps);
    secured.putAll(security.clientProperties());
    return secured;
  }

  /**
   * Hands the factory to the Kafka component when it is created. A factory bean alone is not
   * enough: the component has made its default factory by the time it autowires beans.
   */
  @Configuration(proxyBeanMethods = false)
  static class ComponentSetup {

    @Bean
    ComponentCustomizer securedKafkaClients(KafkaSecurity security) {
      return ComponentCustomizer.forType(
          KafkaComponent.class,
          component -> component.setKafkaClientFactory(new SecuredKafkaClientFactory(security)));
    }
  }
}
