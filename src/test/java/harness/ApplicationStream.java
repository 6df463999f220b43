package harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A steady stream of loan applications to {@code POST /applications}, from one thread at a fixed
 * rate, as a lender's front end would send them while a test breaks Kafka or PostgreSQL underneath.
 * It never fails on a refused or failed request: it counts them, so the test can assert what the
 * client saw during the fault, and keeps every accepted id so it can check that each one is decided
 * exactly once afterwards.
 *
 * <p>The applications are a realistic mix from a seeded generator (the same seed, the same
 * applications): random PANs plus the two with a fixed CIBIL score ({@code ABCDE1234F}, {@code
 * FGHIJ5678K}), incomes and loans that land on each decision, and all three loan types.
 */
public final class ApplicationStream {

  public static final String PRE_APPROVED_PAN = "ABCDE1234F";
  public static final String REJECTED_PAN = "FGHIJ5678K";
  private static final long DEFAULT_SEED = 20_251_128L;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NAMES =
      List.of(
          "Rajesh Kumar",
          "Priya Sharma",
          "Amit Patel",
          "Sunita Reddy",
          "Vikram Singh",
          "Ananya Iyer",
          "Mohammed Qureshi",
          "Kavita Nair",
          "Arjun Mehta",
          "Lakshmi Venkatesan",
          "Harpreet Kaur",
          "Sourav Banerjee",
          "Deepa Menon",
          "Rahul Gupta",
          "Fatima Sheikh");
  private static final List<String> LOAN_TYPES = List.of("PERSONAL", "HOME", "AUTO");

  private final Supplier<String> baseUrl;
  private final Random random;
  private final HttpClient http;

  public ApplicationStream(String baseUrl) {
    this(baseUrl, DEFAULT_SEED);
  }

  public ApplicationStream(String baseUrl, long seed) {
    this(fixed(baseUrl), new Random(seed), newClient());
  }

  /**
   * Sends each application to the address {@code baseUrl} gives at that moment: how a test moves a
   * running stream to another instance when the one it was sending to dies.
   */
  public ApplicationStream(Supplier<String> baseUrl, long seed) {
    this(baseUrl, new Random(seed), newClient());
  }

  private ApplicationStream(Supplier<String> baseUrl, Random random, HttpClient http) {
    this.baseUrl = baseUrl;
    this.random = random;
    this.http = http;
  }

  /** The same generator, continuing its sequence, sending to another address. */
  public ApplicationStream withBaseUrl(String baseUrl) {
    return new ApplicationStream(fixed(baseUrl), random, http);
  }

  private static Supplier<String> fixed(String baseUrl) {
    var url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return () -> url;
  }

  /**
   * Sends {@code count} applications at {@code perSecond}, calling {@code afterEach} with the index
   * of each attempt (0 to count - 1) once its answer or failure is in. A request that takes longer
   * than the interval delays the next one; the stream does not burst to catch up.
   */
  public Result submit(int count, int perSecond, IntConsumer afterEach) {
    if (count < 0 || perSecond <= 0) {
      throw new IllegalArgumentException("count must be >= 0 and perSecond > 0");
    }
    long interval = 1_000_000_000L / perSecond;
    var result = new Result.Builder();
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      sleepUntil(next);
      var application = nextApplication();
      send(application, result);
      afterEach.accept(i);
      next = Math.max(next + interval, System.nanoTime());
    }
    return result.build();
  }

  public Result submit(int count, int perSecond) {
    return submit(count, perSecond, i -> {});
  }

  /** The next application of the mix. */
  public Application nextApplication() {
    String pan;
    int kind = random.nextInt(10);
    if (kind == 0) {
      pan = PRE_APPROVED_PAN;
    } else if (kind == 1) {
      pan = REJECTED_PAN;
    } else {
      pan = randomPan();
    }
    var type = LOAN_TYPES.get(random.nextInt(LOAN_TYPES.size()));
    var income = amount(15_000, 300_000);
    var loan =
        switch (type) {
          case "HOME" -> amount(1_000_000, 15_000_000);
          case "AUTO" -> amount(200_000, 2_500_000);
          default -> amount(50_000, 2_000_000);
        };
    return new Application(pan, NAMES.get(random.nextInt(NAMES.size())), income, loan, type);
  }

  private void send(Application application, Result.Builder result) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl.get() + "/applications"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(application.toJson()))
            .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      var id = response.statusCode() == 202 ? applicationId(response.body()) : null;
      if (id != null) {
        result.accepted(id, application);
      } else {
        result.refused(response.statusCode());
      }
    } catch (IOException e) {
      result.failed(e.getClass().getName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while submitting applications", e);
    }
  }

  private static UUID applicationId(String body) {
    try {
      JsonNode id = JSON.readTree(body).get("application_id");
      return id == null ? null : UUID.fromString(id.asText());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private String randomPan() {
    var pan = new StringBuilder(10);
    for (int i = 0; i < 5; i++) {
      pan.append((char) ('A' + random.nextInt(26)));
    }
    for (int i = 0; i < 4; i++) {
      pan.append((char) ('0' + random.nextInt(10)));
    }
    pan.append((char) ('A' + random.nextInt(26)));
    return pan.toString();
  }

  private BigDecimal amount(long minRupees, long maxRupees) {
    long paise = minRupees * 100 + (long) (random.nextDouble() * (maxRupees - minRupees) * 100);
    var value = BigDecimal.valueOf(paise, 2);
    return random.nextInt(3) == 0 ? value.setScale(0, RoundingMode.DOWN) : value;
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT)
        .build();
  }

  private static void sleepUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while submitting applications", e);
      }
    }
  }

  /** One submission's body as a client sends it to {@code POST /applications}. */
  public record Application(
      String panNumber,
      String applicantName,
      BigDecimal monthlyIncomeInr,
      BigDecimal loanAmountInr,
      String loanType) {

    public String toJson() {
      var body = JSON.createObjectNode();
      body.put("pan_number", panNumber);
      body.put("applicant_name", applicantName);
      body.put("monthly_income_inr", monthlyIncomeInr);
      body.put("loan_amount_inr", loanAmountInr);
      body.put("loan_type", loanType);
      return body.toString();
    }
  }

  /**
   * What the client saw: the accepted applications in order, the answers other than 202 by status
   * code, and the requests that got no answer by exception class.
   */
  public record Result(
      Map<UUID, Application> acceptedApplications,
      Map<Integer, Integer> refusedByStatus,
      Map<String, Integer> failedByException) {

    public List<UUID> accepted() {
      return List.copyOf(acceptedApplications.keySet());
    }

    public int refused() {
      return refusedByStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int failed() {
      return failedByException.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int attempts() {
      return acceptedApplications.size() + refused() + failed();
    }

    private static final class Builder {
      private final Map<UUID, Application> accepted = new LinkedHashMap<>();
      private final Map<Integer, Integer> refused = new LinkedHashMap<>();
      private final Map<String, Integer> failed = new LinkedHashMap<>();

      void accepted(UUID id, Application application) {
        accepted.put(id, application);
      }

      void refused(int status) {
        refused.merge(status, 1, Integer::sum);
      }

      void failed(String exceptionClass) {
        failed.merge(exceptionClass, 1, Integer::sum);
      }

      Result build() {
        return new Result(
            Collections.unmodifiableMap(new LinkedHashMap<>(accepted)),
            Map.copyOf(refused),
            Map.copyOf(failed));
      }
    }
  }
}
