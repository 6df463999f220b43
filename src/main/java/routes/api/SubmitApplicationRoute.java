package routes.api;

import application.ApplicationForm;
import application.ApplicationStatus;
import application.IdempotencyKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.UUID;
import logging.LogContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import prequal.ConditionalOnRole;
import prequal.Role;
import routes.shared.RestErrorHandling;
import store.EarlierSubmission;
import store.NewApplication;
import web.ApplicationStatusView;
import web.ConflictException;
import web.CorrelationIds;
import web.JsonRequestReader;

/**
 * {@code POST /applications}: validate, store the application and its outbox event in one
 * statement, answer 202. Kafka is not on this path; the outbox relay publishes the event. Without
 * an {@code Idempotency-Key} the statement stores a group of submissions ({@link
 * SubmissionGroupCommit}).
 *
 * <p>With an {@code Idempotency-Key} the application's own statement stores the key too: a key's
 * {@code ON CONFLICT} may touch its row once per statement, and a request repeating the key must
 * wait for the first one's statement to end. Unless the key already stands for an application: then
 * nothing is stored, and the answer is that application (202 while it is PENDING, as the first
 * answer was, 200 with its outcome once decided), or a 409 when the key was used for a different
 * form.
 */
@Component
@ConditionalOnRole(Role.API)
public class SubmitApplicationRoute extends RouteBuilder {

  static final String EARLIER = "earlierSubmission";

  private final JsonRequestReader jsonRequestReader;
  private final ApplicationIntake applicationIntake;
  private final SubmissionGroupCommit groupCommit;

  SubmitApplicationRoute(
      JsonRequestReader jsonRequestReader,
      ApplicationIntake applicationIntake,
      SubmissionGroupCommit groupCommit) {
    this.jsonRequestReader = jsonRequestReader;
    this.applicationIntake = applicationIntake;
    this.groupCommit = groupCommit;
  }

  @Override
  public void configure() {
    // @formatter:off
    from("direct:submitApplication")
        .routeId("submit-application")
        .routeConfigurationId(RestErrorHandling.ID)
        .process(this::readForm)
        .process(this::register)
        .choice()
            .when(SubmitApplicationRoute::hasIdempotencyKey)
                .to("sql:classpath:sql/insert-application.sql").id("store-application")
            .otherwise()
                .process(groupCommit::store).id("store-in-group")
        .end()
        .choice()
            .when(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(1))
                .log("Application received: ${body.form.loanType} loan of ${body.form.loanAmountInr}")
                .process(SubmitApplicationRoute::accepted)
            .otherwise()
                .to("sql:classpath:sql/select-earlier-submission.sql?outputType=SelectOne"
                    + "&outputClass=" + EarlierSubmission.class.getName() + "&outputHeader=" + EARLIER)
                    .id("read-earlier-submission")
                .process(SubmitApplicationRoute::repeated)
                .log("Repeated submission answered with the application its Idempotency-Key stands for")
        .end()
        .marshal().json();
    // @formatter:on
  }

  // The steps are plain method calls: Camel's bean binding with parameter expressions evaluated
  // them per request through the simple language and reflection (a third of the route's CPU in
  // the benchmark profile).

  private void readForm(Exchange exchange) {
    var message = exchange.getMessage();
    message.setBody(
        ApplicationForm.parse(
            jsonRequestReader.readObject(
                message.getHeader(Exchange.CONTENT_TYPE, String.class),
                message.getBody(byte[].class))));
  }

  private void register(Exchange exchange) throws JsonProcessingException {
    var message = exchange.getMessage();
    var application =
        applicationIntake.register(
            message.getBody(ApplicationForm.class),
            message.getHeader(CorrelationIds.HEADER, String.class),
            IdempotencyKey.parse(message.getHeader(IdempotencyKey.HEADER, String.class)));
    LogContext.application(application.id(), null);
    message.setBody(application);
  }

  private static boolean hasIdempotencyKey(Exchange exchange) {
    return exchange.getMessage().getBody(NewApplication.class).idempotencyKey() != null;
  }

  private static void accepted(Exchange exchange) {
    var message = exchange.getMessage();
    answer(message, message.getBody(NewApplication.class).id(), ApplicationStatus.PENDING);
  }

  private static void repeated(Exchange exchange) {
    var message = exchange.getMessage();
    var earlier = message.getHeader(EARLIER, EarlierSubmission.class);
    if (earlier == null) {
      // The key passed its retention and was purged between the two statements: a retry stores
      // the application afresh.
      throw new TransientDataAccessResourceException("Idempotency-Key expired while being read");
    }
    if (!earlier.requestHash().equals(message.getBody(NewApplication.class).requestHash())) {
      throw new ConflictException(
          IdempotencyKey.HEADER + " was already used for a different application");
    }
    LogContext.application(earlier.applicationId(), null);
    answer(message, earlier.applicationId(), earlier.status());
  }

  /** 202 while the application is PENDING, as on submission; 200 with its outcome after. */
  private static void answer(Message message, UUID id, ApplicationStatus status) {
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, status == ApplicationStatus.PENDING ? 202 : 200);
    message.setHeader("Location", "/applications/" + id + "/status");
    message.setBody(ApplicationStatusView.of(id, status));
  }
}
