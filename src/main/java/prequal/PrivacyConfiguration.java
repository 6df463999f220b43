package prequal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import privacy.KeyedHash;
import privacy.PersonalDataCipher;

/** The cipher that seals personal data and the keyed hash, from {@code prequal.privacy}. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

  @Bean
  PersonalDataCipher personalDataCipher(PrequalProperties properties) {
    var keyring = properties.privacy().keyring();
    log.info("Personal data sealed with key {}", keyring);
    return new PersonalDataCipher(keyring);
  }

  @Bean
  KeyedHash keyedHash(PrequalProperties properties) {
    return new KeyedHash(properties.privacy().lookupKeyBytes());
  }
}
