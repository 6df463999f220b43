package web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import prequal.PrequalProperties;

/**
 * Limits the POSTs each client may make ({@code prequal.rate-limit}): beyond the burst, a client
 * that sends faster than the rate gets 429 with {@code Retry-After}, counted in {@code
 * prequal_http_rate_limited_total}. Off by default: a lender's own backend often calls from one
 * address.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiting {

  /** Clients remembered at once; the least recently seen is forgotten first. */
  static final int MAX_CLIENTS = 10_000;

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      PrequalProperties properties, ObjectMapper objectMapper, MeterRegistry meterRegistry) {
    var settings = properties.rateLimit();
    var refused =
        Counter.builder("prequal.http.rate.limited")
            .description("Requests refused with 429 because their client sent too many")
            .register(meterRegistry);
    var registration =
        new FilterRegistrationBean<>(
            new RateLimitFilter(settings, objectMapper, refused, System::nanoTime));
    registration.setEnabled(settings.enabled());
    // After the correlation id and CORS, so a refusal carries the id and a preflight is not
    // counted.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  static final class RateLimitFilter extends OncePerRequestFilter {

    private final PrequalProperties.RateLimit settings;
    private final Set<String> trustedProxies;
    private final ObjectMapper objectMapper;
    private final Counter refused;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > MAX_CLIENTS;
          }
        };

    RateLimitFilter(
        PrequalProperties.RateLimit settings,
        ObjectMapper objectMapper,
        Counter refused,
        LongSupplier clock) {
      this.settings = settings;
      this.trustedProxies = Set.copyOf(settings.trustedProxies());
      this.objectMapper = objectMapper;
      this.refused = refused;
      this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      var client =
          ClientAddresses.of(
              request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trustedProxies);
      long wait = take(client);
      if (wait == 0) {
        chain.doFilter(request, response);
        return;
      }
      refused.increment();
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      objectMapper.writeValue(
          response.getOutputStream(),
          new ErrorResponse(
              "Too Many Requests",
              "Too many requests from this client; retry after " + seconds + " s"));
    }

    private long take(String client) {
      long now = clock.getAsLong();
      synchronized (buckets) {
        return buckets
            .computeIfAbsent(
                client, key -> new TokenBucket(settings.perSecond(), settings.burst(), now))
            .take(now);
      }
    }
  }
}
