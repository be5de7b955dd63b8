package dev.dapple.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The valid corpus loads, and every feature arrives in the model typed and with its defaults. */
class ValidJourneysTest {

    static final Path DIR = Path.of("src/test/resources/journeys/valid");

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(DIR)) {
            return files.filter(JourneyLoader::isJourneyFile).sorted().toList().stream();
        }
    }

    static Journey parse(Path file) throws IOException {
        return switch (JourneyParser.parse(file)) {
            case ParseResult.Parsed parsed -> parsed.journey();
            case ParseResult.Invalid(List<JourneyError> errors) -> fail(String.join("\n", errors.stream().map(String::valueOf).toList()));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parses(Path file) throws IOException {
        assertEquals(file, parse(file).sourcePath());
    }

    @Test
    void theLoaderFindsYamlAndYmlFilesInSubfoldersAndTheRealJourneysFolderIsValid() throws IOException {
        JourneyLoader.Result result = JourneyLoader.load(DIR, Path.of("journeys"));
        assertEquals(List.of(), result.errors());
        assertEquals(corpus().count() + 1, result.journeys().size());
        assertTrue(result.journeys().stream().anyMatch(j -> j.name().equals("yml-extension")));
        assertTrue(result.journeys().stream().anyMatch(j -> j.name().equals("demo-checkout")));
    }

    @Test
    void defaultsAreApplied() throws Exception {
        Journey journey = parse(DIR.resolve("minimal.yaml"));
        assertEquals(Severity.HIGH, journey.severity());
        assertEquals(Duration.ofSeconds(30), journey.timeout(), "the smaller of 30 s and the interval");
        assertTrue(journey.runsEverywhere());
        assertEquals(Optional.empty(), journey.slo());
        assertEquals(AlertPolicy.DEFAULT, journey.alert());
        Step step = journey.steps().getFirst();
        assertEquals(List.of(Assertion.DEFAULT), step.expect());
        assertTrue(step.critical());
        assertFalse(step.always());
        assertTrue(step.followRedirects());
        assertEquals(Duration.ofSeconds(30), step.timeout());
        assertEquals(0, step.retries());
        assertEquals(Tls.DEFAULT, step.tls());
        assertInstanceOf(Body.NoBody.class, step.body());
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(DIR.resolve("minimal.yaml")))), journey.contentHash());
        assertEquals(Duration.ofSeconds(9), parse(DIR.resolve("calendar-slo.yaml")).timeout(),
                "a second below the interval when that is shorter, so runs never overlap");
    }

    @Test
    void everyFeatureIsTyped() throws IOException {
        Journey journey = parse(DIR.resolve("everything.yaml"));
        assertEquals(Severity.CRITICAL, journey.severity());
        assertEquals("https://wiki.example.com/runbooks/everything", journey.runbook().orElseThrow().toString());
        assertEquals(List.of("eu-west", "us-east"), journey.locations());
        assertEquals(List.of(new TemplatePart.EnvRef("SHOP_URL")), journey.variables().get("base").parts());
        assertTrue(journey.variables().get("password").usesSecrets());
        assertEquals(List.of(new TemplatePart.Literal("costs ${price}")), journey.variables().get("literal").parts());

        Step login = journey.step("login").orElseThrow();
        assertEquals(HttpMethod.POST, login.method());
        assertEquals(List.of(new TemplatePart.VariableRef("api"), new TemplatePart.Literal("/login")), login.url().parts());
        var json = (JsonTemplate.JsonObject) ((Body.JsonBody) login.body()).value();
        assertEquals(new JsonTemplate.JsonBoolean(true), json.members().get("remember"));
        assertEquals(new JsonTemplate.JsonNumber(new BigDecimal("0.5")), json.members().get("ratio"));
        assertEquals(new JsonTemplate.JsonNull(), json.members().get("nothing"));
        assertEquals(List.of(new TemplatePart.Uuid()),
                ((JsonTemplate.JsonString) ((JsonTemplate.JsonArray) json.members().get("tags")).items().get(1)).value().parts());
        assertEquals(19, login.expect().size());
        assertEquals(new Assertion("duration < 800ms", new Subject.Elapsed(), Operator.LT,
                new Expected.DurationValue(Duration.ofMillis(800))), login.expect().get(2));
        assertEquals(new Expected.Values(List.of(new Expected.Numeric(new BigDecimal(200)), new Expected.Numeric(new BigDecimal(201)))),
                login.expect().get(1).expected());
        assertEquals(new Subject.Header("Content-Type"), login.expect().get(16).subject());
        assertEquals(new Expected.Text("json"), login.expect().get(16).expected());
        var regex = (Expected.Regex) login.expect().get(15).expected();
        assertTrue(regex.pattern().matcher("{\"token\": \"x\"}").find());
        assertEquals(new Subject.TlsDaysLeft(), login.expect().get(18).subject());
        assertEquals("$['user']['name']", ((Subject.Json) login.expect().get(9).subject()).expression());
        assertEquals(List.of("token", "location", "code", "session"), List.copyOf(login.extract().keySet()));
        assertEquals(new ExtractSource.FromHeader("Location"), login.extract().get("location"));
        assertEquals(new ExtractSource.FromStatus(), login.extract().get("code"));
        assertEquals(1, ((ExtractSource.FromRegex) login.extract().get("session")).pattern().matcher("").groupCount());
        assertEquals(Duration.ofSeconds(10), login.timeout());
        assertEquals(2, login.retries());
        assertEquals(DIR.resolve("certs/private-ca.pem").toAbsolutePath().normalize(), login.tls().ca().orElseThrow());

        Step search = journey.step("search").orElseThrow();
        assertEquals(List.of(new TemplatePart.Random(1, 5)), search.query().get("page").parts());
        assertEquals(List.of(new TemplatePart.Now()), search.query().get("at").parts());
        assertFalse(search.followRedirects());
        assertEquals(Map.of("name", Template.literal("QA Bot")).get("name").parts(),
                ((Body.FormBody) journey.step("form").orElseThrow().body()).fields().get("name").parts());
        assertInstanceOf(Body.TextBody.class, journey.step("note").orElseThrow().body());
        assertFalse(journey.step("recommendations").orElseThrow().critical());
        assertTrue(journey.step("recommendations").orElseThrow().tls().insecure());
        assertEquals(HttpMethod.HEAD, journey.step("probe-head").orElseThrow().method());
        assertEquals(HttpMethod.OPTIONS, journey.step("probe-options").orElseThrow().method());
        assertTrue(journey.step("cleanup").orElseThrow().always());

        Slo slo = journey.slo().orElseThrow();
        assertEquals(new BigDecimal("99.5"), slo.availability().orElseThrow());
        assertEquals(Slo.Degraded.BAD, slo.degraded());
        assertEquals(new Slo.Latency(Duration.ofSeconds(3), new BigDecimal("99")), slo.latency().orElseThrow());
        assertEquals(new Slo.Latency(Duration.ofMillis(800), new BigDecimal("99.9")), slo.steps().get("login"));
        assertEquals(new Slo.Window.Rolling(Duration.ofDays(28)), slo.window());
        assertEquals(new Slo.BusinessHours(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, LocalTime.of(8, 0), LocalTime.of(20, 0),
                ZoneId.of("Europe/Berlin")), slo.hours().orElseThrow());
        assertEquals(Duration.ofMinutes(10), slo.recovery().orElseThrow());
        assertEquals(Slo.Budgeting.TIMESLICES, slo.budgeting());
        assertEquals(Optional.of(20), slo.minRuns());
        assertEquals(new AlertPolicy(3, 2, 2, List.of("pagerduty-payments", "slack-oncall"), List.of("jira-payments"),
                Optional.of(Duration.ofMinutes(30))), journey.alert());

        Slo calendar = parse(DIR.resolve("calendar-slo.yaml")).slo().orElseThrow();
        assertEquals(new Slo.Window.Calendar(Slo.Window.Period.MONTH), calendar.window());
        assertEquals(new BigDecimal("99"), calendar.availability().orElseThrow());
        assertEquals(Slo.Degraded.GOOD, calendar.degraded());
        assertEquals(Slo.Budgeting.OCCURRENCES, calendar.budgeting());
        assertEquals(Optional.empty(), calendar.minRuns());
    }
}
