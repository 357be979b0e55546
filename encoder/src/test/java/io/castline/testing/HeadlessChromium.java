package io.castline.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Debian's headless Chromium driven through its chromedriver (Selenium), at a phone's width, for
 * the web remote's tests. The page redraws its lists on every event, so each read and click finds
 * its element again when the one it had went stale.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ChromeDriver browser;

    /** @param dir where the browser keeps its profile (a fresh one per test) */
    public HeadlessChromium(Path dir) {
        this(dir, new String[0]);
    }

    /** The same with more command-line switches (a WebRTC receiver's). */
    public HeadlessChromium(Path dir, String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--window-size=412,1400", "--user-data-dir=" + dir.resolve("chromium-profile"));
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    public void open(String url) { browser.get(url); }

    public String currentUrl() { return browser.getCurrentUrl(); }

    /** Waits up to 10 s for the condition; the failure says {@code what}. */
    public void await(String what, BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).withMessage(what).until(d -> condition.getAsBoolean());
    }

    public void click(String css) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).withMessage(css)
                .until(d -> {
                    d.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    /** The text of the first element {@code css} finds, waiting for one to be there. */
    public String text(String css) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).withMessage(css)
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse(null));
    }

    /** The text of the first element {@code css} finds now, or {@code otherwise}. */
    public String textNow(String css, String otherwise) {
        try {
            return browser.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse(otherwise);
        } catch (StaleElementReferenceException e) {
            return otherwise;
        }
    }

    public String attribute(String css, String name) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).withMessage(css)
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().map(e -> String.valueOf(e.getAttribute(name)))
                        .orElse(null));
    }

    public WebElement find(String css) {
        return new WebDriverWait(browser, WAIT).withMessage(css)
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Runs an asynchronous script (its last argument is the callback) and returns what it passed back. */
    public Object executeAsync(String script, Object... args) {
        browser.manage().timeouts().scriptTimeout(WAIT);
        return browser.executeAsyncScript(script, args);
    }

    public byte[] screenshot() { return browser.getScreenshotAs(OutputType.BYTES); }

    @Override public void close() { browser.quit(); }
}
