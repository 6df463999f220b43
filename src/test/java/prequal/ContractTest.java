package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import web.ErrorResponse;

/** What the contract promises of every operation, read from the document itself. */
class ContractTest {

  private static final JsonNode CONTRACT = ApiContract.document();
  private static final OpenApiInteractionValidator VALIDATOR = validator();

  static Stream<Arguments> operations() {
    return ApiContract.operations().stream()
        .map(operation -> Arguments.of(operation.operationId(), operation.responses()));
  }

  @ParameterizedTest(name = "{0} declares the shared 405 and 406")
  @MethodSource("operations")
  void everyOperationDeclaresTheSharedRefusals(String operationId, JsonNode responses) {
    assertThat(responses.at("/405/$ref").asText())
        .isEqualTo("#/components/responses/MethodNotAllowed");
    assertThat(responses.at("/406/$ref").asText())
        .isEqualTo("#/components/responses/NotAcceptable");
  }

  @ParameterizedTest(name = "{0} is the JSON error shape, with the answer sent as its example")
  @CsvSource({"MethodNotAllowed, 405", "NotAcceptable, 406"})
  void sharedRefusalsAreJsonErrorsWithTheirAnswerAsExample(String response, int status) {
    var json = CONTRACT.at("/components/responses/" + response + "/content/application~1json");

    assertThat(json.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/ErrorResponse");
    assertThat(json.path("examples").elements().next().path("value"))
        .isEqualTo(
            new ObjectMapper().valueToTree(ErrorResponse.refused(HttpStatus.valueOf(status))));
  }

  /** Every JSON example of every answer, with the request it answers. */
  static List<Arguments> examples() {
    var examples = new ArrayList<Arguments>();
    for (var operation : ApiContract.operations()) {
      operation
          .responses()
          .fields()
          .forEachRemaining(
              response ->
                  resolve(response.getValue())
                      .at("/content/application~1json/examples")
                      .fields()
                      .forEachRemaining(
                          example ->
                              examples.add(
                                  Arguments.of(
                                      operation.operationId()
                                          + " "
                                          + response.getKey()
                                          + " "
                                          + example.getKey(),
                                      operation
                                          .path()
                                          .replace(
                                              "{application_id}",
                                              "3fa85f64-5717-4562-b3fc-2c963f66afa6"),
                                      Request.Method.valueOf(
                                          operation.method().toUpperCase(Locale.ROOT)),
                                      Integer.parseInt(response.getKey()),
                                      example.getValue().path("value")))));
    }
    return examples;
  }

  @ParameterizedTest(name = "{0} is an answer the contract describes")
  @MethodSource("examples")
  void everyExampleMatchesItsSchema(
      String name, String path, Request.Method method, int status, JsonNode example) {
    var response =
        new SimpleResponse.Builder(status)
            .withContentType("application/json")
            .withBody(example.toString())
            .withHeader("Cache-Control", "no-store")
            .withHeader("X-Content-Type-Options", "nosniff")
            .withHeader("WWW-Authenticate", "Bearer realm=\"loan-prequal staff\"")
            .withHeader("Allow", "GET")
            .withHeader("Retry-After", "5")
            .build();

    var report = VALIDATOR.validateResponse(path, method, response);

    assertThat(report.getMessages()).as(name).isEmpty();
  }

  /** What the staff chain answers a token it cannot check while the identity provider is away. */
  @ParameterizedTest(name = "{1} {0} declares the 503 of an identity provider away")
  @CsvSource({
    "/applications/3fa85f64-5717-4562-b3fc-2c963f66afa6, GET",
    "/applications/3fa85f64-5717-4562-b3fc-2c963f66afa6/events, GET",
    "/reviews, GET",
    "/reviews/5b1e7c2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c/claim, POST",
    "/reviews/5b1e7c2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c/decision, POST",
    "/reviews/5b1e7c2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c/confirmation, POST",
  })
  void theStaffOperationsDeclareTheIdentityProviderAway(String path, Request.Method method)
      throws IOException {
    var response =
        new SimpleResponse.Builder(503)
            .withContentType("application/json")
            .withBody(
                new ObjectMapper().writeValueAsString(ErrorResponse.IDENTITY_PROVIDER_UNAVAILABLE))
            .withHeader("Retry-After", ErrorResponse.RETRY_AFTER_SECONDS)
            .withHeader("Cache-Control", "no-store")
            .withHeader("X-Content-Type-Options", "nosniff")
            .build();

    var report = VALIDATOR.validateResponse(path, method, response);

    assertThat(report.getMessages()).isEmpty();
  }

  private static JsonNode resolve(JsonNode response) {
    var ref = response.path("$ref").asText();
    return ref.isEmpty() ? response : CONTRACT.at(ref.substring(1));
  }

  private static OpenApiInteractionValidator validator() {
    try {
      return OpenApiInteractionValidator.createForInlineApiSpecification(
              Files.readString(ApiContract.FILE))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
