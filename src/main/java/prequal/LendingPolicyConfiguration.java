package prequal;

import credit.CreditScoring;
import decision.DecisionPolicy;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.ResourceLoader;

/**
 * The lending policy from {@code prequal.policy-file} (a path, or a {@code classpath:} or {@code
 * file:} location), read and validated at start: a process with an invalid policy does not start.
 * The decision policy and the credit simulation are built from it.
 */
@Configuration(proxyBeanMethods = false)
class LendingPolicyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LendingPolicyConfiguration.class);

  @Bean
  LendingPolicy lendingPolicy(PrequalProperties properties, ResourceLoader resources)
      throws IOException {
    var location = properties.policyFile();
    // A bare path is a file: a web context would otherwise look for it inside the web application.
    var resource =
        location.contains(":") ? resources.getResource(location) : new FileSystemResource(location);
    if (!resource.exists()) {
      throw new IllegalArgumentException("No lending policy at " + location);
    }
    var policy = LendingPolicy.read(resource.getContentAsByteArray());
    log.info("Deciding by lending policy {} from {}", policy.version(), location);
    return policy;
  }

  @Bean
  DecisionPolicy decisionPolicy(LendingPolicy policy) {
    return new DecisionPolicy(policy.decision(), policy.version());
  }

  @Bean
  CreditScoring creditScoring(LendingPolicy policy, Clock clock) {
    return new CreditScoring(policy.creditSimulation(), clock);
  }
}
