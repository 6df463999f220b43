package routes;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import prequal.EmbeddedInfrastructure;

/**
 * A route test: one role's context (the subclass's {@code @SpringBootTest} names it) against the
 * embedded broker and database, with the route under test advised before Camel starts. Spring keeps
 * the context for every test of the class, so the route is advised once, and each later test starts
 * from mocks that have seen nothing. The management server, like the public one, gets a free port.
 */
@CamelSpringBootTest
@UseAdviceWith
@TestPropertySource(properties = "management.server.port=0")
public abstract class RouteTest {

  @Autowired protected CamelContext camelContext;
  @Autowired protected ProducerTemplate producer;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmbeddedInfrastructure.register(registry);
  }

  protected abstract String routeId();

  /** Replaces the route's own consumer, statements or sends with direct and mock endpoints. */
  protected abstract void advise(AdviceWithRouteBuilder route) throws Exception;

  @BeforeEach
  void adviseOnce() throws Exception {
    if (camelContext.isStarted()) {
      MockEndpoint.resetMocks(camelContext);
      return;
    }
    AdviceWith.adviceWith(camelContext, routeId(), false, this::advise);
    camelContext.start();
  }
}
