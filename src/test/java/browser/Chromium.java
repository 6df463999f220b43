package browser;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver: a real browser with nothing
 * downloaded at test time. A fresh profile each time, and none of Chromium's own calls home, which
 * this machine's closed network would refuse over and over.
 */
final class Chromium {

  private static final Path BINARY = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  static ChromeDriver start(Path profile) {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "The browser tests need Chromium at "
              + BINARY
              + " and ChromeDriver at "
              + DRIVER
              + " (Debian: apt-get install chromium chromium-driver; elsewhere set"
              + " -Dchromium=... -Dchromedriver=...)");
    }
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    var options =
        new ChromeOptions()
            .setBinary(BINARY.toFile())
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }
}
