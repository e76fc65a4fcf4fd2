package dev.courier.internal.admin;

import dev.courier.context.Principal;
import dev.courier.example.signup.SignupService;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium, against a real node. An invoice
 * whose delivery fails until told otherwise ends dead; the operator pastes an admin token, sees the dead task, clicks
 * retry and sees it succeed; the invoice is delivered exactly once. The dashboard's screenshot is written to
 * {@code target/dashboard.png} (the one in docs/ is such a screenshot). Skipped, saying so, where Chromium or its
 * driver is not installed ({@code apt-get install chromium chromium-driver}; CI installs both).
 */
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void an_operator_retries_a_dead_task_from_the_dashboard_and_it_runs_once() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no headless Chromium here ("
      + CHROMIUM + " and " + DRIVER + " must both be installed: apt-get install chromium chromium-driver): the "
      + "dashboard was not tested in a browser");
    DrillTasks drill = new DrillTasks();
    try (TestNode app = TestNode.start(new ServiceWithTasks(new SignupService(), drill), RedisFixture.shared().url(),
      new JsonObject().put("role", "all").put("tasks", new JsonObject().put("backoffBaseMillis", 20)
        .put("backoffMaxMillis", 50)))) {
      RedisQueue invoices = new Queues(app.node.redis(), app.prefix).get("default").await();
      String dead = app.node.tasks().onBehalfOf(new Principal("alice", Set.of("billing"), new JsonObject()))
        .task("deliverInvoice").fire("INV-2041").await().taskId();
      Eventually.until(Duration.ofSeconds(20), () -> invoices.status(dead).await(),
        s -> s.state() == TaskState.DEAD);
      drill.failing.set(false); // the relay is fixed: the next attempt will deliver

      WebDriver browser = chromium();
      try {
        busyLookingQueues(app);
        // the page redraws its tables every 2 s: an element found just before may be gone, so waits and clicks retry
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + app.node.httpPort() + "/admin");
        browser.findElement(By.id("token")).sendKeys(Tokens.hs256(app.vertx, Tokens.claims("ops-ada", "admin")));
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();

        By deadCount = By.cssSelector("tr[data-queue='default'] button[data-state='dead']");
        wait.until(ExpectedConditions.textToBe(deadCount, "1"));
        click(wait, deadCount);
        By row = By.cssSelector("tr[data-task='" + dead + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(text(wait, row)).contains("deliverInvoice").contains("attempts_exhausted")
          .contains("failed after 2 attempt(s)");
        assertThat(attribute(wait, By.cssSelector("tr[data-task='" + dead + "'] td.error"), "title"))
          .contains("the mail relay refused invoice INV-2041");
        click(wait, By.cssSelector("tr[data-task='" + dead + "'] button.link"));
        By state = By.cssSelector("#detail dd[data-field='state']");
        wait.until(ExpectedConditions.textToBe(state, "dead"));
        assertThat(text(wait, By.cssSelector("#detail dd[data-field='envelope']"))).contains("signature holds")
          .contains("alice").contains("billing");
        waitForRates(wait);
        Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        click(wait, By.cssSelector("tr[data-task='" + dead + "'] button.retry"));
        wait.until(ExpectedConditions.textToBe(state, "succeeded"));
        wait.until(ExpectedConditions.textToBe(deadCount, "0"));
        assertThat(text(wait, By.cssSelector("#detail dd[data-field='retried_by']"))).isEqualTo("ops-ada");
        assertThat(browser.findElement(By.id("status")).getAttribute("class")).as("no error shown").isEmpty();
      } finally {
        browser.quit();
      }

      TaskStatus done = invoices.status(dead).await();
      assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(done.attempts()).as("attempts started over").isEqualTo(1);
      assertThat(drill.deliveries("INV-2041")).as("delivered exactly once").isEqualTo(1);
    }
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
      .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1440,900", "--force-device-scale-factor=1", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
      .usingAnyFreePort().withLogOutput(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build();
    return new ChromeDriver(service, options);
  }

  /** More tasks, so the page shows what an operator sees on a working day: reports falling due, a few a second. */
  private static void busyLookingQueues(TestNode app) {
    for (int i = 0; i < 60; i++) {
      app.node.tasks().task("buildReport").delay(Duration.ofMillis(500 + 400L * i)).fire("monthly-" + i).await();
    }
  }

  /** Three polls at least, so the rates and the depth lines have something to show. */
  private static void waitForRates(WebDriverWait wait) {
    wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript("return [...document"
      + ".querySelectorAll('#queues polyline')].every(l => l.getAttribute('points').split(' ').length >= 3)"));
  }

  private static String text(WebDriverWait wait, By target) {
    return wait.until((WebDriver driver) -> driver.findElement(target).getText());
  }

  private static String attribute(WebDriverWait wait, By target, String name) {
    return wait.until((WebDriver driver) -> driver.findElement(target).getAttribute(name));
  }

  /** Clicks what {@code target} finds once it is there, again if the page redrew it in between. */
  private static void click(WebDriverWait wait, By target) {
    wait.until(driver -> {
      driver.findElement(target).click();
      return true;
    });
  }
}
