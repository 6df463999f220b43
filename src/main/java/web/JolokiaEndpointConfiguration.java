package web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.http.AgentServlet;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaRequestFactory;
import org.jolokia.server.core.request.ProcessingParameters;
import org.jolokia.server.core.util.RequestType;
import org.jolokia.support.spring.actuator.JolokiaEndpoint;
import org.jolokia.support.spring.actuator.JolokiaProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.EndpointServlet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jolokia as the actuator's {@code jolokia} endpoint, in place of Jolokia's own auto-configuration
 * (excluded in {@code PrequalApplication}), with the one rule its access policy ({@code
 * jolokia-access.xml}) cannot express: a GET only reads. The policy can restrict the HTTP method
 * only for every kind of request at once, and hawtio finds Jolokia with a GET; a GET that ran an
 * operation could be triggered by any page an operator visits, since the CSRF token guards POSTs
 * only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JolokiaProperties.class)
class JolokiaEndpointConfiguration {

  @Bean
  @ConditionalOnAvailableEndpoint(endpoint = JolokiaEndpoint.class)
  JolokiaEndpoint jolokiaEndpoint(JolokiaProperties properties) {
    return new ReadOnlyGetJolokiaEndpoint(properties.getConfig());
  }

  /**
   * Jolokia's endpoint with its servlet replaced. Jolokia 2.2 plugs into the actuator only as a
   * servlet endpoint, an API Spring Boot 3.3 deprecated for removal; the replacement keeps that
   * contract, nothing more.
   */
  @SuppressWarnings("removal")
  static final class ReadOnlyGetJolokiaEndpoint extends JolokiaEndpoint {

    private final Map<String, String> initParameters;

    ReadOnlyGetJolokiaEndpoint(Map<String, String> initParameters) {
      super(initParameters);
      this.initParameters = Map.copyOf(initParameters);
    }

    @Override
    public EndpointServlet get() {
      return new EndpointServlet(new ReadOnlyGetAgentServlet()).withInitParameters(initParameters);
    }
  }

  /**
   * Answers a GET (and so a HEAD) only when Jolokia would read: its version, an attribute, the
   * MBean list or a search. Anything else asked by GET is refused before Jolokia sees it, whether
   * it came directly or forwarded from hawtio's {@code /actuator/hawtio/jolokia}: a servlet sees
   * both.
   */
  static final class ReadOnlyGetAgentServlet extends AgentServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<RequestType> READS =
        EnumSet.of(RequestType.VERSION, RequestType.READ, RequestType.LIST, RequestType.SEARCH);

    private static final byte[] REFUSAL =
        ("{\"error_type\":\"java.lang.SecurityException\",\"error\":\"A GET may only read"
                + " (version, read, list, search); send operations by POST\",\"status\":405}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (isRead(request)) {
        super.doGet(request, response);
        return;
      }
      response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      response.setHeader("Allow", "POST");
      response.setContentType("application/json");
      response.getOutputStream().write(REFUSAL);
    }

    /**
     * What Jolokia will do with this GET, parsed by Jolokia itself from the same path (or, with
     * none, the {@code p} parameter). What it cannot parse is not a read.
     */
    static boolean isRead(HttpServletRequest request) {
      var parameters = new HashMap<ConfigKey, String>();
      var path = request.getParameter(ConfigKey.PATH_QUERY_PARAM.getKeyValue());
      if (path != null) {
        parameters.put(ConfigKey.PATH_QUERY_PARAM, path);
      }
      try {
        JolokiaRequest parsed =
            JolokiaRequestFactory.createGetRequest(
                request.getPathInfo(), new ProcessingParameters(parameters));
        return READS.contains(parsed.getType());
      } catch (RuntimeException unparseable) {
        return false;
      }
    }
  }
}
