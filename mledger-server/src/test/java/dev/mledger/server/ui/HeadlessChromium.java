package dev.mledger.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a browser test class, with the waits, screenshots and console checks
 * the UI tests share. {@link #start} skips the calling test class when Chromium or chromedriver is
 * missing.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  final ChromeDriver driver;
  final WebDriverWait wait;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // Pages re-render after each navigation; an element found a moment ago may be replaced.
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Skips the test class (JUnit assumption) when the browser is not installed. */
  static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them).");
  }

  static HeadlessChromium start() throws IOException {
    assumeInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    Files.createDirectories(SCREENSHOTS);
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  WebElement waitFor(String css) {
    return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  /** Waits like {@link #wait}, and on a timeout says what the page shows instead. */
  private <T> T until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      String shown;
      try {
        shown = driver.findElement(By.tagName("main")).getText();
      } catch (RuntimeException unreadable) {
        shown = "(unreadable: " + unreadable.getMessage() + ")";
      }
      throw new TimeoutException(
          e.getMessage().lines().findFirst().orElse("timeout")
              + "\nat "
              + driver.getCurrentUrl()
              + " the page shows:\n"
              + shown.substring(0, Math.min(shown.length(), 2_000)),
          e);
    }
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  void click(String css) {
    until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  String text(String css) {
    return waitFor(css).getText();
  }

  void waitUntil(Predicate<HeadlessChromium> condition) {
    until(d -> condition.test(this));
  }

  void screenshot(String name) throws IOException {
    // Charts draw on the next animation frame; wait for it so the image shows them.
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  /** Fails on console errors since the last call, except those {@code expected} accepts. */
  void assertNoConsoleErrors(Predicate<String> expected) {
    List<String> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(expected.negate())
            .toList();
    assertThat(severe).as("browser console errors").isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
