package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fixtures.ApiContract;
import fixtures.ApplicationRow;
import fixtures.RedrivableDeadLetter;
import fixtures.StaffJwts;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prequal.client.ApiException;
import prequal.client.api.ApplicationsApi;
import prequal.client.api.OperationsApi;
import prequal.client.api.ReviewsApi;
import prequal.client.api.StaffApi;
import prequal.client.model.ApplicationRequest;
import prequal.client.model.ApplicationRequest.LoanTypeEnum;
import prequal.client.model.ApplicationStatus;
import prequal.client.model.ApplicationStatus.StatusEnum;
import prequal.client.model.ErrorResponse;
import prequal.client.model.FieldError;
import prequal.client.model.HealthStatus;
import prequal.client.model.ReasonCode;
import prequal.client.model.ReviewTask;
import prequal.client.model.ReviewerDecision;
import prequal.client.model.ReviewerDecision.OutcomeEnum;
import prequal.client.model.ReviewerDecision.ReasonCodesEnum;
import prequal.client.model.ValidationErrorResponse;

/**
 * The contract's users are generated clients: the Java client that OpenAPI Generator makes from the
 * contract (the pom's {@code java-client} execution, into {@code target/generated-test-sources})
 * calls every operation of the running service, with typed bodies, and reads the errors as the
 * contract's typed error bodies. Its mapper refuses fields the models do not declare, so a body
 * that strays from the contract fails here too.
 *
 * <p>Each test names the operations it calls with {@link Calls}; an operation added to the contract
 * fails {@link #everyOperationInTheContractIsCalled} until a test here calls it.
 */
class GeneratedClientIT extends EndToEndTest {

  private static final String PAN = "ABCDE1234F";
  private static final Map<String, String> OPERATOR =
      Map.of("Authorization", "Bearer " + OPERATOR_TOKEN);

  /** The operations of the contract that a test calls through the generated client. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Calls {
    String[] value();
  }

  private ObjectMapper mapper;
  private ApplicationsApi applications;
  private OperationsApi operations;
  private ReviewsApi reviews;
  private StaffApi staff;

  @BeforeEach
  void generatedClient() {
    mapper =
        prequal.client.ApiClient.createDefaultObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    var client =
        new prequal.client.ApiClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)),
                mapper,
                "http://localhost:" + port)
            .setReadTimeout(Duration.ofSeconds(10));
    applications = new ApplicationsApi(client);
    operations = new OperationsApi(client);
    reviews = new ReviewsApi(client);
    staff = new StaffApi(client);
  }

  @Test
  void everyOperationInTheContractIsCalled() {
    var called =
        Arrays.stream(GeneratedClientIT.class.getDeclaredMethods())
            .filter(method -> method.isAnnotationPresent(Test.class))
            .filter(method -> method.isAnnotationPresent(Calls.class))
            .flatMap(method -> Arrays.stream(method.getAnnotation(Calls.class).value()))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(called)
        .as("operations a @Test @Calls(operationId) here calls through the generated client")
        .isEqualTo(
            ApiContract.operations().stream()
                .map(ApiContract.Operation::operationId)
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  @Calls("submitApplication")
  void submissionIsAcceptedWithTheNewApplicationAndItsCorrelationId() throws ApiException {
    var accepted =
        applications.submitApplicationWithHttpInfo(
            request(PAN, "250000.00", "500000.00"), "generated-client-1", null);

    assertThat(accepted.getStatusCode()).isEqualTo(202);
    var id = accepted.getData().getApplicationId();
    assertThat(accepted.getData().getStatus()).isEqualTo(StatusEnum.PENDING);
    assertThat(accepted.getHeaders().get("Location"))
        .containsExactly("/applications/" + id + "/status");
    assertThat(accepted.getHeaders().get("X-Correlation-ID")).containsExactly("generated-client-1");
  }

  @Test
  @Calls({"submitApplication", "getApplicationStatus"})
  void theStatusIsPolledUntilTheDecisionWhichSaysWhy() throws ApiException {
    var id = applications.submitApplication(request(PAN, "250000.00", "500000.00"), null, null);

    var decided = awaitOutcome(id.getApplicationId());

    assertThat(decided.getStatus()).isEqualTo(StatusEnum.PRE_APPROVED);
    assertThat(decided.getReasons())
        .singleElement()
        .satisfies(reason -> assertThat(reason.getCode()).isEqualTo(ReasonCode.ALL_CRITERIA_MET))
        .satisfies(reason -> assertThat(reason.getMessageHindi()).isNotBlank());
    assertThat(decided.getPolicyVersion()).matches("^[a-z0-9][a-z0-9.-]{0,39}@[0-9a-f]{12}$");
  }

  @Test
  @Calls("submitApplication")
  void aRetryWithTheSameKeyGetsTheOutcomeAndAnotherApplicationUnderItIsAConflict()
      throws ApiException {
    var key = UUID.randomUUID().toString();
    var first = applications.submitApplication(request(PAN, "250000.00", "500000.00"), null, key);
    var outcome = awaitOutcome(first.getApplicationId()).getStatus();

    var retry =
        applications.submitApplicationWithHttpInfo(
            request(PAN, "250000.00", "500000.00"), null, key);
    var conflict =
        refused(
            409,
            ErrorResponse.class,
            () ->
                applications.submitApplication(request(PAN, "250000.00", "800000.00"), null, key));

    assertThat(retry.getStatusCode()).isEqualTo(200);
    assertThat(retry.getData().getApplicationId()).isEqualTo(first.getApplicationId());
    assertThat(retry.getData().getStatus()).isEqualTo(outcome);
    assertThat(conflict)
        .isEqualTo(
            new ErrorResponse()
                .error("Conflict")
                .message("Idempotency-Key was already used for a different application"));
  }

  @Test
  @Calls("submitApplication")
  void anInvalidApplicationIsA422ListingEveryInvalidField() {
    var invalid =
        new ApplicationRequest()
            .panNumber("abcde1234f")
            .applicantName("")
            .monthlyIncomeInr(BigDecimal.ZERO)
            .loanAmountInr(new BigDecimal("1.005"))
            .loanType(LoanTypeEnum.AUTO);

    var refusal =
        refused(
            422,
            ValidationErrorResponse.class,
            () -> applications.submitApplication(invalid, null, null));

    assertThat(refusal.getError()).isEqualTo(ValidationErrorResponse.ErrorEnum.VALIDATION_ERROR);
    assertThat(refusal.getDetails())
        .containsExactly(
            field("pan_number", "must match ^[A-Z]{5}[0-9]{4}[A-Z]$ (for example ABCDE1234F)"),
            field("applicant_name", "must not be blank"),
            field("monthly_income_inr", "must be greater than 0"),
            field("loan_amount_inr", "must have at most 2 decimal places"));
  }

  @Test
  @Calls("getApplicationStatus")
  void anUnknownApplicationIsA404AndAnIdThatIsNoUuidA422() {
    var unknown = UUID.randomUUID().toString();

    var notFound =
        refused(404, ErrorResponse.class, () -> applications.getApplicationStatus(unknown, null));
    var notAnId =
        refused(
            422,
            ValidationErrorResponse.class,
            () -> applications.getApplicationStatus("not-a-uuid", null));

    assertThat(notFound)
        .isEqualTo(
            new ErrorResponse().error("Not Found").message("No application with id " + unknown));
    assertThat(notAnId.getDetails()).containsExactly(field("application_id", "must be a UUID"));
  }

  @Test
  @Calls("erasePersonalData")
  void anOperatorErasesTheApplicantAndTheStatusStays() throws ApiException {
    var id =
        applications
            .submitApplication(request("FGHIJ5678K", "75000.00", "500000.00"), null, null)
            .getApplicationId();
    var outcome = awaitOutcome(id).getStatus();

    var anonymous =
        refused(401, ErrorResponse.class, () -> operations.erasePersonalData(id.toString(), null));
    var erased = operations.erasePersonalData(id.toString(), null, OPERATOR);

    assertThat(anonymous)
        .isEqualTo(
            new ErrorResponse()
                .error("Unauthorized")
                .message("A valid operator token is required"));
    assertThat(erased.getApplicationId()).isEqualTo(id);
    assertThat(erased.getStatus().getValue()).isEqualTo(outcome.getValue());
    assertThat(erased.getPersonalDataErasedAt()).isNotNull();
    assertThat(storedName(id)).isNull();
    assertThat(applications.getApplicationStatus(id.toString(), null).getStatus())
        .isEqualTo(outcome);
  }

  @Test
  @Calls("getHealth")
  void healthReportsBothDependenciesConnected() throws ApiException {
    assertThat(operations.getHealth(null))
        .isEqualTo(
            new HealthStatus()
                .status(HealthStatus.StatusEnum.HEALTHY)
                .database(HealthStatus.DatabaseEnum.CONNECTED)
                .kafka(HealthStatus.KafkaEnum.CONNECTED));
  }

  @Test
  @Calls("redriveDeadLetters")
  void aDeadLetterIsSentBackOnceTheCauseIsFixed() throws Exception {
    var id = RedrivableDeadLetter.create(jdbc, "generated-1");

    var redriven = operations.redriveDeadLetters(null, OPERATOR);

    assertThat(redriven.getMoved()).isPositive();
    assertThat(awaitOutcome(id).getStatus()).isEqualTo(StatusEnum.PRE_APPROVED);
  }

  @Test
  @Calls("resealPersonalData")
  void whatVersion1StoredInPlainTextIsSealed() throws ApiException {
    var plain =
        ApplicationRow.pending(UUID.randomUUID())
            .name("Meera Iyer")
            .decided("REJECTED", 610)
            .inPlainText()
            .insert(jdbc);
    try {
      var resealed = operations.resealPersonalData(null, OPERATOR);

      assertThat(resealed.getResealed()).isPositive();
      assertThat(storedName(plain)).isEqualTo("Meera Iyer");
      assertThat(operations.resealPersonalData(null, OPERATOR).getResealed()).isZero();
    } finally {
      jdbc.update("DELETE FROM applications WHERE id = ?", plain);
    }
  }

  @Test
  @Calls("getOpenApiDocument")
  void theContractIsFetchedAsWritten() throws Exception {
    var document = operations.getOpenApiDocument(null).toPath();
    try {
      assertThat(Files.readAllBytes(document)).isEqualTo(Files.readAllBytes(ApiContract.FILE));
      assertThat(new YAMLMapper().readTree(document.toFile())).isEqualTo(ApiContract.document());
    } finally {
      Files.delete(document);
    }
  }

  @Test
  @Calls("getOpenApiDocumentAsJson")
  void theContractIsFetchedAsJson() throws Exception {
    // The client's own mapper leaves nulls out when writing; the contract's examples hold some.
    JsonNode document = JSON.valueToTree(operations.getOpenApiDocumentAsJson(null));

    assertThat(document).isEqualTo(ApiContract.document());
  }

  @Test
  @Calls({"listReviews", "claimReview", "decideReview"})
  void aReviewerWorksTheQueueWithTypedTasksAndTypedRefusals() throws ApiException {
    var id = referred("480000.00");
    var review =
        reviews.listReviews(null, "open", null, reviewer("reviewer-1")).getReviews().stream()
            .filter(task -> task.getApplicationId().equals(id))
            .findFirst()
            .orElseThrow();

    var claimed =
        reviews.claimReview(review.getReviewId().toString(), null, reviewer("reviewer-1"));
    var heldByAnother =
        refused(
            409,
            ErrorResponse.class,
            () ->
                reviews.claimReview(review.getReviewId().toString(), null, reviewer("reviewer-2")));
    var withoutReason =
        refused(
            422,
            ValidationErrorResponse.class,
            () ->
                reviews.decideReview(
                    review.getReviewId().toString(),
                    new ReviewerDecision().outcome(OutcomeEnum.REJECTED),
                    null,
                    reviewer("reviewer-1")));
    var decided =
        reviews.decideReview(
            review.getReviewId().toString(),
            new ReviewerDecision()
                .outcome(OutcomeEnum.REJECTED)
                .reasonCodes(List.of(ReasonCodesEnum.DOCUMENTS_INCOMPLETE)),
            null,
            reviewer("reviewer-1"));

    assertThat(claimed.getState()).isEqualTo(ReviewTask.StateEnum.CLAIMED);
    assertThat(claimed.getClaimedBy()).isEqualTo("reviewer-1");
    assertThat(heldByAnother.getError()).isEqualTo("Conflict");
    assertThat(withoutReason.getDetails())
        .containsExactly(field("reason_codes", "a rejection needs at least one reason code"));
    assertThat(decided.getState()).isEqualTo(ReviewTask.StateEnum.DONE);
    assertThat(awaitOutcome(id).getStatus()).isEqualTo(StatusEnum.REJECTED);
  }

  @Test
  @Calls({"claimReview", "decideReview", "confirmReview"})
  void aLargeApprovalIsConfirmedByASecondReviewer() throws ApiException {
    var id = referred("2400000.00");
    var review =
        jdbc.queryForObject("SELECT id FROM review_tasks WHERE application_id = ?", UUID.class, id)
            .toString();
    reviews.claimReview(review, null, reviewer("reviewer-1"));
    var proposed =
        reviews.decideReview(
            review,
            new ReviewerDecision()
                .outcome(OutcomeEnum.PRE_APPROVED)
                .reasonCodes(List.of(ReasonCodesEnum.INCOME_VERIFIED)),
            null,
            reviewer("reviewer-1"));

    var ownConfirmation =
        refused(
            403,
            ErrorResponse.class,
            () -> reviews.confirmReview(review, null, reviewer("reviewer-1")));
    var confirmed = reviews.confirmReview(review, null, reviewer("reviewer-2"));

    assertThat(proposed.getState()).isEqualTo(ReviewTask.StateEnum.AWAITING_CONFIRMATION);
    assertThat(proposed.getProposedBy()).isEqualTo("reviewer-1");
    assertThat(ownConfirmation.getError()).isEqualTo("Forbidden");
    assertThat(confirmed.getState()).isEqualTo(ReviewTask.StateEnum.DONE);
    assertThat(awaitOutcome(id).getStatus()).isEqualTo(StatusEnum.PRE_APPROVED);
  }

  @Test
  @Calls({"getApplication", "getApplicationEvents"})
  void aReviewerReadsTheFullApplicationWithItsReviewTaskAndItsAuditTrail() throws ApiException {
    var id = referred("480000.00");
    var approved =
        applications
            .submitApplication(request(PAN, "250000.00", "500000.00"), null, null)
            .getApplicationId();
    assertThat(awaitOutcome(approved).getStatus()).isEqualTo(StatusEnum.PRE_APPROVED);

    var application = staff.getApplication(id.toString(), null, reviewer("reviewer-1"));
    var decidedByThePolicy =
        staff.getApplication(approved.toString(), null, reviewer("reviewer-1"));
    var events = staff.getApplicationEvents(id.toString(), null, reviewer("reviewer-1"));
    var unauthenticated =
        refused(401, ErrorResponse.class, () -> staff.getApplication(id.toString(), null));

    assertThat(application.getApplicationId()).isEqualTo(id);
    assertThat(application.getPanNumberMasked()).doesNotContain(PAN).startsWith("ABCDE");
    assertThat(application.getDecidedBy()).isEqualTo("system");
    var review = application.getReview();
    assertThat(review).isNotNull();
    assertThat(review.getReviewId()).isEqualTo(reviewIdOf(id));
    assertThat(review.getApplicationId()).isEqualTo(id);
    assertThat(review.getState()).isEqualTo(ReviewTask.StateEnum.OPEN);
    assertThat(review.getLoanAmountInr()).isEqualByComparingTo("480000.00");
    assertThat(review.getClaimedBy()).isNull();
    assertThat(decidedByThePolicy.getReview()).isNull();
    assertThat(events.getEvents()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(unauthenticated.getError()).isEqualTo("Unauthorized");
  }

  private UUID reviewIdOf(UUID application) {
    return jdbc.queryForObject(
        "SELECT id FROM review_tasks WHERE application_id = ?", UUID.class, application);
  }

  /** A MANUAL_REVIEW application: score 790, an income of 10,000 not above the loan / 48. */
  private UUID referred(String loan) throws ApiException {
    var request = request(PAN, "10000.00", loan);
    var id = applications.submitApplication(request, null, null).getApplicationId();
    assertThat(awaitOutcome(id).getStatus()).isEqualTo(StatusEnum.MANUAL_REVIEW);
    return id;
  }

  /** A reviewer's bearer JWT, as the lender's identity provider would issue it. */
  private static Map<String, String> reviewer(String name) {
    return Map.of("Authorization", "Bearer " + StaffJwts.reviewer(name).compact());
  }

  private ApplicationStatus awaitOutcome(UUID id) {
    return await()
        .atMost(DECISION_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> applications.getApplicationStatus(id.toString(), null),
            status -> status.getStatus() != StatusEnum.PENDING);
  }

  /** The typed error body of the call's refusal, which must carry this status. */
  private <T> T refused(int status, Class<T> body, ThrowingCallable call) {
    var refusal = catchThrowableOfType(ApiException.class, call);
    assertThat(refusal).as("the call was refused").isNotNull();
    assertThat(refusal.getCode()).as(refusal.getResponseBody()).isEqualTo(status);
    try {
      return mapper.readValue(refusal.getResponseBody(), body);
    } catch (IOException e) {
      throw new AssertionError("Not a " + body.getSimpleName() + ": " + refusal, e);
    }
  }

  private static ApplicationRequest request(String pan, String income, String loan) {
    return new ApplicationRequest()
        .panNumber(pan)
        .applicantName("Rajesh Kumar")
        .monthlyIncomeInr(new BigDecimal(income))
        .loanAmountInr(new BigDecimal(loan))
        .loanType(LoanTypeEnum.PERSONAL);
  }

  private static FieldError field(String name, String message) {
    return new FieldError().field(name).message(message);
  }
}
