package routes.credit;

import broker.ConsumerGroups;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import credit.CreditScoring;
import java.util.ArrayList;
import java.util.List;
import logging.LogContext;
import messages.ApplicationSubmitted;
import messages.ContentTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import privacy.SealedValueException;
import routes.shared.ConsumedBatch;
import routes.shared.ConsumerErrorHandling;
import routes.shared.DeadLetters;

/**
 * credit-service: score a poll's submitted applications and publish their credit reports. Every
 * report is sent before any acknowledgement is awaited, and the partitions are committed only after
 * the broker acknowledged all of them, so a crash in between redelivers the submissions, which
 * score the same again. A submission that can never be scored (unreadable, with a sealed PAN that
 * does not open) is dead-lettered on its own.
 */
@Component
@ConditionalOnRole(Role.CREDIT)
public class CreditScoringRoute extends RouteBuilder {

  static final String ROUTE_ID = "credit-scoring";

  /** Named like the route's own log lines. */
  private static final Logger LOG = LoggerFactory.getLogger(ROUTE_ID);

  private final CreditScoring creditScoring;
  private final PersonalDataCipher cipher;
  private final DeadLetters deadLetters;
  private final ObjectMapper objectMapper;
  private final ObjectReader submissions;

  CreditScoringRoute(
      CreditScoring creditScoring,
      PersonalDataCipher cipher,
      DeadLetters deadLetters,
      ObjectMapper objectMapper) {
    this.creditScoring = creditScoring;
    this.cipher = cipher;
    this.deadLetters = deadLetters;
    this.objectMapper = objectMapper;
    this.submissions = objectMapper.readerFor(ApplicationSubmitted.class);
  }

  @Override
  public void configure() {
    // @formatter:off
    from("kafka:{{prequal.topics.submitted.name}}?batching=true&groupId=" + ConsumerGroups.CREDIT)
        .routeId(ROUTE_ID)
        .routeConfigurationId(ConsumerErrorHandling.ID)
        .process(exchange -> LogContext.service(Role.CREDIT))
        .process(this::score)
        .process(deadLetters::send)
        .filter(CreditScoringRoute::hasReports)
            // Synchronous: this consumer thread sends every report of the batch, then waits for
            // every acknowledgement itself.
            .to("kafka:{{prequal.topics.credit-reports.name}}?synchronous=true")
                .id("publish-credit-reports")
        .end()
        .process(ConsumedBatch::commit);
    // @formatter:on
  }

  /** The batch's credit reports, as the messages to publish, keyed by application. */
  private void score(Exchange exchange) throws JsonProcessingException {
    ConsumedBatch<ApplicationSubmitted> batch =
        ConsumedBatch.read(exchange, submissions, ApplicationSubmitted.class);
    var reports = new ArrayList<Message>();
    for (var consumed : List.copyOf(batch.messages())) {
      var submitted = consumed.message();
      LogContext.application(submitted.applicationId(), submitted.correlationId());
      String panNumber;
      try {
        panNumber =
            cipher.open(
                SealedField.panNumber(submitted.applicationId()), submitted.panNumberSealed());
      } catch (SealedValueException e) {
        batch.setAside(consumed, e);
        continue;
      }
      var report = creditScoring.assess(submitted, panNumber);
      LOG.debug("Scored {}", report);
      var message = new DefaultMessage(exchange.getContext());
      message.setHeader(KafkaConstants.KEY, report.applicationId().toString());
      message.setBody(objectMapper.writeValueAsString(report));
      reports.add(message);
    }
    LogContext.clearApplication();
    // camel-kafka gives every record of a batch its parent message's headers.
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ContentTypes.JSON);
    exchange.getMessage().setBody(reports);
  }

  private static boolean hasReports(Exchange exchange) {
    return !exchange.getMessage().getBody(List.class).isEmpty();
  }
}
