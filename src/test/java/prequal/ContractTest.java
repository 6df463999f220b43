package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import web.ErrorResponse;

/** What the contract promises of every operation, read from the document itself. */
class ContractTest {

  private static final JsonNode CONTRACT = read();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  static List<Arguments> operations() {
    var operations = new ArrayList<Arguments>();
    CONTRACT
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method.getKey())) {
                            operations.add(
                                Arguments.of(
                                    method.getValue().path("operationId").asText(),
                                    method.getValue()));
                          }
                        }));
    return operations;
  }

  @ParameterizedTest(name = "{0} declares the shared 405 and 406")
  @MethodSource("operations")
  void everyOperationDeclaresTheSharedRefusals(String operationId, JsonNode operation) {
    assertThat(operation.at("/responses/405/$ref").asText())
        .isEqualTo("#/components/responses/MethodNotAllowed");
    assertThat(operation.at("/responses/406/$ref").asText())
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

  private static JsonNode read() {
    try {
      return new YAMLMapper().readTree(ApiClient.CONTRACT.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
