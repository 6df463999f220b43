package credit;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CreditConfiguration {

  @Bean
  CreditScoring creditScoring(Clock clock) {
    return new CreditScoring(clock);
  }
}
