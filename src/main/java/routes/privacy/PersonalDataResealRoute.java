package routes.privacy;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.PrequalProperties;
import prequal.Role;
import privacy.KeyedHash;
import privacy.PersonalDataCipher;
import privacy.SealedField;
import routes.shared.RestErrorHandling;
import routes.shared.ScheduledErrorHandling;
import store.ResealCandidate;
import store.ResealSelection;
import store.ResealedApplicant;
import store.SealedApplicant;
import web.OperatorAccess;

/**
 * api: seals again, with the current key, every PAN and name stored in plain text (by version 1) or
 * sealed with an older key — once at start-up, and on {@code POST /admin/personal-data/reseal}
 * after a key rotation. One pass in id order, a batch at a time, so it ends even while another
 * instance with another current key does the same.
 */
@Component
@ConditionalOnRole(Role.API)
public class PersonalDataResealRoute extends RouteBuilder {

  private static final String SELECTION = "resealSelection";
  private static final String RESEALED = "resealed";

  /** The body of the endpoint's answer. */
  public record Resealed(int resealed) {}

  private final OperatorAccess operatorAccess;
  private final PersonalDataCipher cipher;
  private final KeyedHash keyedHash;
  private final ResealSelection firstBatch;

  PersonalDataResealRoute(
      OperatorAccess operatorAccess,
      PersonalDataCipher cipher,
      KeyedHash keyedHash,
      PrequalProperties properties) {
    this.operatorAccess = operatorAccess;
    this.cipher = cipher;
    this.keyedHash = keyedHash;
    var privacy = properties.privacy();
    this.firstBatch = ResealSelection.first(privacy.keyring().currentKeyId(), privacy.batchSize());
  }

  @Override
  public void configure() {
    // @formatter:off
    from("timer:personal-data-reseal-at-start?repeatCount=1")
        .routeId("personal-data-reseal-at-start")
        .routeConfigurationId(ScheduledErrorHandling.ID)
        .to("direct:resealAll");

    from("direct:resealPersonalData")
        .routeId("personal-data-reseal-request")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(this::requireOperator)
        .to("direct:resealAll")
        .marshal().json();

    from("direct:resealAll")
        .routeId("personal-data-reseal")
        // Its callers' error handling applies: a failure ends the pass and reaches them.
        .errorHandler(noErrorHandler())
        .setProperty(SELECTION, constant(firstBatch))
        .setProperty(RESEALED, constant(0))
        .loopDoWhile(exchangeProperty(SELECTION).isNotNull())
            .setBody(exchangeProperty(SELECTION))
            .to("sql:classpath:sql/select-personal-data-to-reseal.sql?outputType=SelectList"
                + "&outputClass=" + ResealCandidate.class.getName()).id("select-personal-data-to-reseal")
            .process(PersonalDataResealRoute::nextBatch)
            .split(body())
                .process(this::reseal)
                .to("sql:classpath:sql/reseal-personal-data.sql").id("reseal-personal-data")
            .end()
        .end()
        .setBody(exchange -> new Resealed(exchange.getProperty(RESEALED, Integer.class)))
        .filter(simple("${body.resealed} > 0"))
            .log(LoggingLevel.INFO, "Sealed the personal data of ${body.resealed} application(s)"
                + " again with the current key")
        .end();
    // @formatter:on
  }

  private void requireOperator(Exchange exchange) {
    operatorAccess.require(exchange.getMessage().getHeader("Authorization", String.class));
  }

  /** After a batch, the next starts past its last row; a short batch was the last. */
  private static void nextBatch(Exchange exchange) {
    List<?> batch = exchange.getMessage().getBody(List.class);
    var selection = exchange.getProperty(SELECTION, ResealSelection.class);
    exchange.setProperty(RESEALED, exchange.getProperty(RESEALED, Integer.class) + batch.size());
    exchange.setProperty(
        SELECTION,
        batch.size() < selection.batchSize()
            ? null
            : selection.after(((ResealCandidate) batch.get(batch.size() - 1)).id()));
  }

  private void reseal(Exchange exchange) {
    var message = exchange.getMessage();
    var row = message.getBody(ResealCandidate.class);
    var panNumber =
        row.panNumber() != null
            ? row.panNumber()
            : cipher.open(SealedField.panNumber(row.id()), row.panNumberSealed());
    var name =
        row.applicantName() != null
            ? row.applicantName()
            : row.applicantNameSealed() == null
                ? null
                : cipher.open(SealedField.applicantName(row.id()), row.applicantNameSealed());
    message.setBody(
        new ResealedApplicant(
            row.id(),
            new SealedApplicant(
                cipher.seal(SealedField.panNumber(row.id()), panNumber),
                name == null ? null : cipher.seal(SealedField.applicantName(row.id()), name),
                keyedHash.ofPan(panNumber))));
  }
}
