package decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue is the enum; the contract and the README must list the same codes. */
class ReasonCatalogueTest {

  private static final List<String> CODES =
      Arrays.stream(ReasonCode.values()).map(ReasonCode::name).toList();

  @Test
  void theContractListsEveryCodeAndNoOther() throws Exception {
    JsonNode contract = new YAMLMapper().readTree(Path.of("openapi", "prequal-api.yaml").toFile());
    var schema = contract.at("/components/schemas/ReasonCode");

    assertThat(schema.get("enum")).map(JsonNode::asText).containsExactlyElementsOf(CODES);
    CODES.forEach(
        code -> assertThat(schema.get("description").asText()).contains("`" + code + "`"));
  }

  @Test
  void theReadmeTablesEveryCodeWithItsFactor() throws Exception {
    var readme = Files.readString(Path.of("README.md"));

    for (var code : ReasonCode.values()) {
      var factor = code.factor() == null ? "–" : "`" + code.factor() + "`";
      var source = code.source() == ReasonCode.Source.POLICY ? "policy" : "reviewer";
      assertThat(readme).contains("| `" + code.name() + "` | " + source + " | " + factor + " |");
    }
  }
}
