package browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import harness.ApplicationStream;
import harness.Databases;
import harness.KafkaBrokerProcess;
import harness.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import prequal.ApiClient;
import prequal.EmbeddedInfrastructure;

/**
 * The reviewer console and the applicant's page in real headless Chromium, served by the packaged
 * service as the local run starts it (its built-in reviewers on) against a real broker and
 * database: a reviewer signs in with the keyboard, claims a referred application and rejects it,
 * and the applicant's page shows why; a large approval waits until a second reviewer confirms it.
 */
class ReviewerConsoleIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofMinutes(2);
  private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "browser");

  @TempDir static Path temp;

  private static KafkaBrokerProcess kafka;
  private static ServiceProcess service;
  private static ChromeDriver browser;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startServiceAndBrowser() {
    var database = Databases.createDatabase(EmbeddedInfrastructure.jdbcUrl(), "postgres", "");
    kafka = KafkaBrokerProcess.start(temp.resolve("kafka"));
    service =
        ServiceProcess.start(
            ServiceProcess.builtJar(),
            Map.of(
                "DB_URL", database,
                "DB_USER", "postgres",
                "DB_PASSWORD", "",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STAFF_LOCAL_USERS", "true"),
            temp.resolve("service.log"));
    service.awaitHealthy(STARTUP);
    browser = Chromium.start(temp.resolve("chromium"));
  }

  @AfterAll
  static void stopAll() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void signedOut() {
    open("/console/");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    open("/console/");
  }

  @Test
  void aReviewerRejectsAReferralAndTheApplicantSeesWhy() {
    var id = referred("480000.00");
    open("/applicant/#" + id);
    awaitVisible(By.cssSelector("#status .badge.MANUAL_REVIEW"));

    signInWithTheKeyboard("reviewer-1");
    openFromQueue(id);
    assertThat(text(By.id("reasons")))
        .contains("INCOME_NOT_ABOVE_INSTALMENT_PROXY")
        .contains("monthly_income_inr")
        .contains("₹10,000.00");
    assertThat(text(By.id("events"))).contains("Submitted → Pending", "Pending → Manual review");

    click(By.id("claim"));
    awaitMessage("Claimed.");
    click(By.id("outcome-reject"));
    click(By.cssSelector("#decision-form button[type=submit]"));
    awaitMessage("Validation Error: reason_codes a rejection needs at least one reason code.");
    click(By.id("reason-REPAYMENT_CAPACITY_INSUFFICIENT"));
    browser.findElement(By.id("note")).sendKeys("Salary slips show less than declared.");
    click(By.cssSelector("#decision-form button[type=submit]"));

    awaitMessage("Decided: Rejected.");
    awaitVisible(By.cssSelector("#application-facts .badge.REJECTED"));
    assertThat(text(By.id("task"))).contains("Done");
    assertThat(text(By.id("events")))
        .contains("Review claimed", "Review decided", "REPAYMENT_CAPACITY_INSUFFICIENT")
        .contains("Salary slips show less than declared.");
    assertThat(status(id)).isEqualTo("REJECTED");

    open("/applicant/#" + id);
    awaitVisible(By.cssSelector("#status .badge.REJECTED"));
    var reason = browser.findElement(By.cssSelector("#reasons li"));
    assertThat(reason.getDomAttribute("data-code")).isEqualTo("REPAYMENT_CAPACITY_INSUFFICIENT");
    assertThat(reason.findElement(By.cssSelector("[lang=hi]")).getText()).isNotBlank();
    assertThat(text(By.id("policy"))).startsWith("Decided under lending policy");
  }

  @Test
  void aLargeApprovalTakesASecondReviewer() throws IOException {
    var id = referred("2400000.00");
    signInWithTheKeyboard("reviewer-1");
    openFromQueue(id);
    click(By.id("claim"));
    awaitMessage("Claimed.");
    click(By.id("outcome-approve"));
    click(By.id("reason-INCOME_VERIFIED"));
    click(By.cssSelector("#decision-form button[type=submit]"));
    awaitMessage("Approval proposed; a second reviewer must confirm it.");
    assertThat(text(By.id("task"))).contains("Awaiting confirmation", "Pre-approved by reviewer-1");
    assertThat(status(id)).isEqualTo("MANUAL_REVIEW");

    click(By.id("confirm"));
    awaitMessage("A second reviewer must confirm the approval reviewer-1 proposed");
    assertThat(browser.findElement(By.cssSelector("#messages p")).getDomAttribute("class"))
        .isEqualTo("error");
    assertThat(status(id)).isEqualTo("MANUAL_REVIEW");

    click(By.id("sign-out"));
    signInWithTheKeyboard("reviewer-2");
    openFromQueue(id);
    click(By.id("confirm"));

    awaitMessage("Approval confirmed.");
    awaitVisible(By.cssSelector("#application-facts .badge.PRE_APPROVED"));
    assertThat(text(By.id("events"))).contains("Review confirmed", "reviewer-2");
    assertThat(status(id)).isEqualTo("PRE_APPROVED");
    screenshot("reviewer-console.png");

    open("/applicant/#" + id);
    awaitVisible(By.cssSelector("#status .badge.PRE_APPROVED"));
    screenshot("applicant-page.png");
  }

  @Test
  void aWrongPasswordIsToldOnThePageNotByABrowserDialog() {
    browser.findElement(By.id("username")).sendKeys("reviewer-1");
    browser.findElement(By.id("password")).sendKeys("wrong", Keys.ENTER);

    awaitMessage("The user name or password is not valid");
    assertThat(browser.findElement(By.cssSelector("#messages p")).getDomAttribute("class"))
        .isEqualTo("error");
    assertThat(browser.findElement(By.id("queue")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
  }

  @Test
  void everyControlHasALabelAndNothingComesFromElsewhere() {
    for (var path : List.of("/console/", "/applicant/")) {
      open(path);
      var unlabelled =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return [...document.querySelectorAll('input, select, textarea, button')]"
                      + ".filter(c => c.type === 'button' || c.type === 'submit'"
                      + " ? !(c.textContent.trim() || c.getAttribute('aria-label'))"
                      + " : c.labels.length === 0).map(c => c.id)");
      assertThat((List<?>) unlabelled).as(path).isEmpty();
      assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
      var foreign =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return performance.getEntriesByType('resource').map(r => r.name)"
                      + ".filter(u => new URL(u).origin !== location.origin)");
      assertThat((List<?>) foreign).as(path).isEmpty();

      var served = page(path);
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'"));
    }
    assertThat(page("/console").statusCode()).isEqualTo(302);
  }

  private UUID referred(String loanAmount) {
    var body =
        new ApplicationStream.Application(
                "ABCDE1234F",
                "Rajesh Kumar",
                new BigDecimal("10000.00"),
                new BigDecimal(loanAmount),
                "HOME")
            .toJson();
    var response = api().post("/applications", "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    var id = UUID.fromString(readTree(response.body()).get("application_id").asText());
    await()
        .atMost(DECISION_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status(id), "MANUAL_REVIEW"::equals);
    return id;
  }

  private String status(UUID id) {
    var response = api().get("/applications/" + id + "/status");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return readTree(response.body()).get("status").asText();
  }

  private static ApiClient api() {
    return new ApiClient(service.port());
  }

  /** A page as served, headers and all; not an API operation, so not the contract's business. */
  private HttpResponse<String> page(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs in with keys alone: focus starts in the user name, Tab reaches the password, Enter. */
  private void signInWithTheKeyboard(String reviewer) {
    open("/console/");
    awaitVisible(By.id("sign-in-form"));
    wait(driver -> "username".equals(focusedId()));
    browser.switchTo().activeElement().sendKeys(reviewer, Keys.TAB, reviewer, Keys.ENTER);
    awaitVisible(By.id("queue-table"));
    assertThat(text(By.id("reviewer"))).isEqualTo(reviewer);
  }

  private String focusedId() {
    return browser.switchTo().activeElement().getDomAttribute("id");
  }

  private void openFromQueue(UUID id) {
    click(By.cssSelector("button[aria-label='Open application " + id + "']"));
    awaitVisible(By.id("application"));
    assertThat(text(By.id("application-title"))).isEqualTo("Application " + id);
    assertThat(focusedId()).isEqualTo("application-title");
  }

  private void open(String path) {
    browser.get(service.baseUrl() + path);
  }

  private void click(By control) {
    wait(ExpectedConditions.elementToBeClickable(control)).click();
  }

  private String text(By element) {
    return awaitVisible(element).getText();
  }

  private WebElement awaitVisible(By element) {
    return wait(ExpectedConditions.visibilityOfElementLocated(element));
  }

  private void awaitMessage(String part) {
    wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages p"), part));
  }

  private <T> T wait(Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
  }

  /** The whole page, as tall as it is, from the top. */
  private void screenshot(String name) throws IOException {
    var height =
        ((Number)
                ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollHeight"))
            .intValue();
    var size = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(size.getWidth(), height + 120));
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    Files.createDirectories(SCREENSHOTS);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        SCREENSHOTS.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(size);
  }
}
