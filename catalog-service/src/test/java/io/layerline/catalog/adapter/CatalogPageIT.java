package io.layerline.catalog.adapter;

import io.layerline.testing.ApiTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog's web page in Debian's headless Chromium: the tiered tree, a search, an image's detail and the
 * impact of a change with its waves, as a person would use them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogPageIT extends CatalogApiTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private WebDriver browser;

    @BeforeAll
    void announceImagesAndOpenABrowser() {
        assertThat(CHROMIUM).as("Debian's chromium is needed: apt-get install -y chromium chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("apt-get install -y chromium-driver").exists();
        tree.build("os/debian", "12").build("runtime/temurin", "17", "os/debian")
                .build("tooling/java", "1", "runtime/temurin").build("apps/shop", "1.0", "tooling/java")
                .build("apps/billing", "1.0", "tooling/java", "runtime/temurin");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api().json("/api/v1/repositories?q=" + tree.run()).path("items").size() == 5);
        api().send("PUT", "/api/v1/repositories/" + tree.full("apps/shop") + "/metadata", "application/json",
                "{\"ownerTeam\":\"checkout\",\"description\":\"<b>the</b> shop\"}");

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheTreeFindsARepositoryAndItsDetailAndTheImpactOfChangingIt() {
        browser.get(server.getURI() + "/");
        waitFor(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(ApiTokens.VIEWER);
        browser.findElement(By.cssSelector("#token-form button")).click();
        waitFor(() -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));

        WebElement os = node(tree.full("os/debian"));
        WebElement app = node(tree.full("apps/shop"));
        assertThat(os.getAttribute("class")).contains("os");
        assertThat(app.getAttribute("class")).contains("app");
        assertThat(app.getRect().getY()).as("applications are drawn above their OS").isLessThan(os.getRect().getY());

        browser.findElement(By.id("search")).sendKeys(tree.run() + "/apps/sh");
        browser.findElement(By.cssSelector("#search-form button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("#results button[data-name]")).isEmpty());
        List<WebElement> results = browser.findElements(By.cssSelector("#results button[data-name]"));
        assertThat(results).extracting(WebElement::getText).containsExactly(tree.full("apps/shop"));

        results.get(0).click();
        waitFor(() -> browser.findElement(By.id("detail-name")).getText().equals(tree.full("apps/shop")));
        String facts = browser.findElement(By.id("detail-facts")).getText();
        assertThat(facts).contains("checkout", "<b>the</b> shop", "app (graph)", tree.full("tooling/java") + ":1");
        assertThat(browser.findElements(By.cssSelector("#lineage li"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector("#deployments tbody")).getText()).contains("not deployed");

        node(tree.full("runtime/temurin")).click();
        waitFor(() -> browser.findElement(By.id("detail-name")).getText().equals(tree.full("runtime/temurin")));
        browser.findElement(By.id("show-impact")).click();
        waitFor(() -> browser.findElements(By.cssSelector("#waves li.wave")).size() == 2);
        List<WebElement> waves = browser.findElements(By.cssSelector("#waves li.wave"));
        assertThat(waves.get(0).getText()).contains(tree.full("tooling/java"));
        assertThat(waves.get(1).getText()).contains(tree.full("apps/shop"), tree.full("apps/billing"));
        assertThat(browser.findElement(By.id("impact-summary")).getText()).startsWith("3 repositories to rebuild in 2");
    }

    private WebElement node(String name) {
        return browser.findElement(By.cssSelector("#graph .node[data-name='" + name + "']"));
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the page did not get there; it shows:\n" + browser.getPageSource(), e);
        }
    }

}
