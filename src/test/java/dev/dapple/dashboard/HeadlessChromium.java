package dev.dapple.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, through Debian's chromedriver: both paths are given, so Selenium Manager (which would
 * look for or download a driver over the network) is never asked; {@link #seleniumManagerCalls()} proves it from
 * Selenium's own log. Each instance has a fresh profile under {@code target/}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int WIDTH = 1280;
    static final int HEIGHT = 1000;

    /** Selenium logs through java.util.logging; held strongly so the level set here sticks. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final ChromeDriver driver;
    private final ManagerWatch managerWatch;

    private HeadlessChromium(ChromeDriver driver, ManagerWatch managerWatch) {
        this.driver = driver;
        this.managerWatch = managerWatch;
    }

    /**
     * Starts Chromium, or — when it is not installed — fails under {@code CI=true} (CI must run the browser test) and
     * skips elsewhere, saying why either way.
     */
    static HeadlessChromium start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String missing = "the browser test needs Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
                    + "): apt-get install chromium chromium-driver, as .ci/run does";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but " + missing);
            }
            Assumptions.abort("skipped: " + missing);
        }
        // Belt and braces: were Selenium Manager ever started, it would stay offline (SE_* properties reach it).
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        SELENIUM_LOG.setLevel(Level.FINE);
        Path profile = Path.of("target", "chromium-profile-" + UUID.randomUUID()).toAbsolutePath();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + "," + HEIGHT);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .withLogFile(new File("target/chromedriver.log")).build();
        ManagerWatch watch = new ManagerWatch();
        SELENIUM_LOG.addHandler(watch);
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
            return new HeadlessChromium(driver, watch);
        } catch (RuntimeException e) {
            SELENIUM_LOG.removeHandler(watch);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** What Selenium Manager logged: nothing, when it was never asked. */
    List<String> seleniumManagerCalls() {
        return managerWatch.messages();
    }

    /** A full-page PNG of what is shown, at the window's width, as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) content.get("width")).doubleValue();
        double height = ((Number) content.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    /** The same page again in a narrow window (a phone's width), screenshot as {@code NAME-narrow}. */
    Path narrowScreenshot(String name, int width) {
        driver.manage().window().setSize(new Dimension(width, HEIGHT));
        try {
            driver.navigate().refresh();
            return screenshot(name + "-narrow");
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    @Override
    public void close() {
        SELENIUM_LOG.removeHandler(managerWatch);
        driver.quit();
    }

    /** Collects what Selenium Manager's classes log. */
    private static final class ManagerWatch extends Handler {

        private final List<String> messages = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.openqa.selenium.manager")) {
                messages.add(record.getMessage());
            }
        }

        synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
