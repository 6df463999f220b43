package routes.credit;

import broker.ConsumerGroups;
import broker.KafkaCommits;
import credit.CreditScoring;
import logging.LogContext;
import messages.ApplicationSubmitted;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import routes.shared.ConsumedMessages;
import routes.shared.ConsumerErrorHandling;

/**
 * credit-service: score each submitted application and publish its credit report. The offset is
 * committed only after the broker acknowledged the report, so a crash in between redelivers the
 * submission, which scores the same again.
 */
@Component
@ConditionalOnRole(Role.CREDIT)
public class CreditScoringRoute extends RouteBuilder {

  private final CreditScoring creditScoring;
  private final PersonalDataCipher cipher;

  CreditScoringRoute(CreditScoring creditScoring, PersonalDataCipher cipher) {
    this.creditScoring = creditScoring;
    this.cipher = cipher;
  }

  @Override
  public void configure() {
    // @formatter:off
    from("kafka:{{prequal.topics.submitted.name}}?groupId=" + ConsumerGroups.CREDIT)
        .routeId("credit-scoring")
        .routeConfigurationId(ConsumerErrorHandling.ID)
        .process(exchange -> LogContext.service(Role.CREDIT))
        .unmarshal().json(ApplicationSubmitted.class)
        .process(ConsumedMessages::requireBody)
        .process(this::score)
        .log(LoggingLevel.DEBUG, "Scored ${body}")
        .marshal().json()
        // Synchronous: this consumer thread waits for the broker's acknowledgement itself, rather
        // than a producer worker thread continuing the exchange while it waits for that thread.
        .to("kafka:{{prequal.topics.credit-reports.name}}?synchronous=true")
            .id("publish-credit-report")
        .process(KafkaCommits::commit);
    // @formatter:on
  }

  /** A plain call: bean binding and a simple-language key cost more than the scoring itself. */
  private void score(Exchange exchange) {
    var message = exchange.getMessage();
    var submitted = message.getBody(ApplicationSubmitted.class);
    LogContext.application(submitted.applicationId(), submitted.correlationId());
    var panNumber =
        cipher.open(SealedField.panNumber(submitted.applicationId()), submitted.panNumberSealed());
    var report = creditScoring.assess(submitted, panNumber);
    message.setHeader(KafkaConstants.KEY, report.applicationId().toString());
    message.setBody(report);
  }
}
