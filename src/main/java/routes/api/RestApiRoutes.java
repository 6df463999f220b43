package routes.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import health.DependencyProbes;
import health.HealthStatus;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;
import prequal.Role;
import routes.shared.RestErrorHandling;

/**
 * Binds the REST DSL to the OpenAPI document: each operation is served by the route {@code
 * direct:<operationId>}. With the api role every operation must have its route or start-up fails;
 * the other roles serve only health and the document itself, as YAML and as JSON.
 */
@Component
public class RestApiRoutes extends RouteBuilder {

  static final String SPECIFICATION = "openapi/prequal-api.yaml";

  private final PrequalProperties properties;
  private final DependencyProbes dependencyProbes;
  private final byte[] document;
  private final byte[] documentAsJson;

  RestApiRoutes(PrequalProperties properties, DependencyProbes dependencyProbes)
      throws IOException {
    this.properties = properties;
    this.dependencyProbes = dependencyProbes;
    this.document = new ClassPathResource(SPECIFICATION).getContentAsByteArray();
    this.documentAsJson = asJson(document);
  }

  @Override
  public void configure() {
    // @formatter:off
    rest()
        .openApi()
            .specification(SPECIFICATION)
            .routeId("rest-api")
            .missingOperation(properties.runs(Role.API) ? "fail" : "ignore");

    from("direct:getOpenApiDocument")
        .routeId("openapi-document")
        .routeConfigurationId(RestErrorHandling.ID)
        .setHeader(Exchange.CONTENT_TYPE, constant("application/yaml; charset=utf-8"))
        .setBody(constant(document));

    from("direct:getOpenApiDocumentAsJson")
        .routeId("openapi-document-json")
        .routeConfigurationId(RestErrorHandling.ID)
        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
        .setBody(constant(documentAsJson));

    from("direct:getHealth")
        .routeId("health")
        .routeConfigurationId(RestErrorHandling.ID)
        .setBody(exchange -> dependencyProbes.check())
        .filter(RestApiRoutes::unhealthy)
            .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(503))
        .end()
        .marshal().json();
    // @formatter:on
  }

  /**
   * Decimals stay as written: read as doubles {@code 75000.00} would come out as {@code 75000.0},
   * and with their trailing zeros stripped as {@code 7.5E+4}.
   */
  private static byte[] asJson(byte[] yaml) throws IOException {
    var tree =
        YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build()
            .readTree(yaml);
    return JsonMapper.builder().build().writeValueAsBytes(tree);
  }

  private static boolean unhealthy(Exchange exchange) {
    return !exchange.getMessage().getBody(HealthStatus.class).healthy();
  }
}
