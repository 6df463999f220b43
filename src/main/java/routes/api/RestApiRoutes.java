package routes.api;

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
 * the other roles serve only health and the document itself.
 */
@Component
public class RestApiRoutes extends RouteBuilder {

  static final String SPECIFICATION = "openapi/prequal-api.yaml";

  private final PrequalProperties properties;
  private final DependencyProbes dependencyProbes;
  private final byte[] document;

  RestApiRoutes(PrequalProperties properties, DependencyProbes dependencyProbes)
      throws IOException {
    this.properties = properties;
    this.dependencyProbes = dependencyProbes;
    this.document = new ClassPathResource(SPECIFICATION).getContentAsByteArray();
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

  private static boolean unhealthy(Exchange exchange) {
    return !exchange.getMessage().getBody(HealthStatus.class).healthy();
  }
}
