package dev.dapple.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.dapple.journey.JourneyError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** maintenance.yaml fixtures: the valid ones parse to exact windows, the invalid ones give exact errors. */
class MaintenanceFileParserTest {

    static final Path DIR = Path.of("src/test/resources/maintenance");

    static MaintenanceFileParser.Result parse(String fixture) throws IOException {
        Path file = DIR.resolve(fixture);
        return MaintenanceFileParser.parse(file.toString(), Files.readAllBytes(file));
    }

    static List<String> errors(String fixture) throws IOException {
        var invalid = assertInstanceOf(MaintenanceFileParser.Invalid.class, parse(fixture));
        return invalid.errors().stream().map(e -> e.toString().substring(DIR.toString().length() + 1)).toList();
    }

    @Test
    void everyKeyParses() throws IOException {
        var valid = assertInstanceOf(MaintenanceFileParser.Valid.class, parse("valid/full.yaml"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals(List.of(
                new WindowDefinition("db-upgrade", WindowDefinition.Kind.MAINTENANCE, "PostgreSQL 18 upgrade",
                        List.of("checkout"), List.of("payments"), new Schedule.Once(LocalDateTime.parse("2026-12-01T22:00"),
                        LocalDateTime.parse("2026-12-02T01:00"), berlin)),
                new WindowDefinition("weekly-deploys", WindowDefinition.Kind.MAINTENANCE, null, List.of(), List.of(),
                        new Schedule.Weekly(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalTime.of(6, 0),
                                Duration.ofMinutes(30), ZoneId.of("UTC"))),
                new WindowDefinition("failover-rehearsal", WindowDefinition.Kind.DRILL, null, List.of(), List.of("shop"),
                        new Schedule.Once(LocalDateTime.parse("2026-12-03T10:00"), LocalDateTime.parse("2026-12-03T11:00"),
                                berlin))),
                valid.windows());
    }

    @Test
    void anEmptyFileOrListHasNoWindows() throws IOException {
        assertEquals(new MaintenanceFileParser.Valid(List.of()), parse("valid/empty-list.yaml"));
        assertEquals(new MaintenanceFileParser.Valid(List.of()),
                MaintenanceFileParser.parse("maintenance.yaml", "# nothing planned\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownKeysAreRefusedWithTheNearestKey() throws IOException {
        assertEquals(List.of(
                "invalid/unknown-keys.yaml:3:5: windows[0]: unknown key 'kinds' (did you mean 'kind'?)",
                "invalid/unknown-keys.yaml:7:5: windows[0]: give either start and end (once) or weekly, not both",
                "invalid/unknown-keys.yaml:7:59: windows[0].weekly: unknown key 'every'"),
                errors("invalid/unknown-keys.yaml"));
    }

    @Test
    void wrongValuesAreEachReported() throws IOException {
        assertEquals(List.of(
                "invalid/wrong-values.yaml:3:11: windows[0].kind: 'maintenace' is not one of maintenance, drill (did you mean 'maintenance'?)",
                "invalid/wrong-values.yaml:6:11: windows[0].zone: unknown time zone 'Europe/Berlim' (expected a region such as Europe/Berlin, or UTC)",
                "invalid/wrong-values.yaml:4:12: windows[0].start: '2026-12-01' is not a local date and time (e.g. 2026-12-01T22:00, local time in 'zone')",
                "invalid/wrong-values.yaml:8:27: windows[1].weekly.days[1]: 'Tue' is listed twice",
                "invalid/wrong-values.yaml:8:32: windows[1].weekly.days[2]: 'Fry' is not a day (expected one of Mon, Tue, Wed, Thu, Fri, Sat, Sun) (did you mean 'Fri'?)",
                "invalid/wrong-values.yaml:8:45: windows[1].weekly.start: '6am' is not a time of day (expected HH:MM, 00:00 to 23:59)",
                "invalid/wrong-values.yaml:8:62: windows[1].weekly.duration: at most 7d (a window per week)"),
                errors("invalid/wrong-values.yaml"));
    }

    @Test
    void missingKeysAndABackwardsWindowAreReported() throws IOException {
        assertEquals(List.of(
                "invalid/missing.yaml:2:5: windows[0]: missing schedule: give start and end (once) or weekly",
                "invalid/missing.yaml:4:5: windows[1]: missing required key 'name'",
                "invalid/missing.yaml:5:10: windows[1].end: the end (2026-12-01T21:00) must be after the start (2026-12-01T22:00)",
                "invalid/missing.yaml:7:5: windows[2]: missing required key 'zone'",
                "invalid/missing.yaml:7:5: windows[2]: missing required key 'end'",
                "invalid/missing.yaml:10:13: windows[3].weekly: missing required key 'start'",
                "invalid/missing.yaml:10:13: windows[3].weekly: missing required key 'duration'",
                "invalid/missing.yaml:10:21: windows[3].weekly.days: give at least one day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)"),
                errors("invalid/missing.yaml"));
    }

    @Test
    void windowsShorterThanAMinuteAreRefused() throws IOException {
        assertEquals(List.of(
                "invalid/too-short.yaml:3:54: windows[0].weekly.duration: at least 1m, in whole seconds (found 800ms)",
                "invalid/too-short.yaml:6:54: windows[1].weekly.duration: at least 1m, in whole seconds (found 61500ms)",
                "invalid/too-short.yaml:10:10: windows[2].end: the window must last at least 1m (from 2026-12-01T22:00 to 2026-12-01T22:00:30 is 30s)"),
                errors("invalid/too-short.yaml"));
    }

    @Test
    void duplicateKeysAndNamesAreRefused() throws IOException {
        assertEquals(List.of(
                "invalid/duplicates.yaml:10:5: windows[1]: duplicate key 'zone'",
                "invalid/duplicates.yaml:6:5: windows[1]: name: 'same' is already used by windows[0]"),
                errors("invalid/duplicates.yaml"));
    }

    @Test
    void theShapeIsChecked() throws IOException {
        assertEquals(List.of("invalid/not-a-list.yaml:2:3: windows: expected a list, found a mapping"),
                errors("invalid/not-a-list.yaml"));
        assertEquals(List.of("invalid/alias.yaml:2:5: YAML anchors (&w) are not supported: write the value out"),
                errors("invalid/alias.yaml"));
        assertEquals(List.of("maintenance.yaml:1:1: missing required key 'windows' (a list of windows)"),
                ((MaintenanceFileParser.Invalid) MaintenanceFileParser.parse("maintenance.yaml",
                        "{}".getBytes(StandardCharsets.UTF_8))).errors().stream().map(JourneyError::toString).toList());
    }

    @Test
    void aPostedWindowMaySayWhoAddedIt() {
        var errors = new ArrayList<JourneyError>();
        var posted = MaintenanceFileParser.parsePosted(("{\"name\": \"hotfix\", \"kind\": \"drill\", \"start\":"
                + " \"2026-12-01T22:00\", \"end\": \"2026-12-01T23:00\", \"zone\": \"UTC\", \"created_by\": \"ana\"}")
                .getBytes(StandardCharsets.UTF_8), errors).orElseThrow();
        assertEquals(List.of(), errors);
        assertEquals("ana", posted.createdBy());
        assertEquals("hotfix", posted.window().name());
        assertEquals(WindowDefinition.Kind.DRILL, posted.window().kind());
    }

    @Test
    void theReadmeExampleIsValid() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### `journeys/maintenance.yaml`");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        var valid = assertInstanceOf(MaintenanceFileParser.Valid.class,
                MaintenanceFileParser.parse("README.md", example.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("db-upgrade", "weekly-deploys", "failover-rehearsal"),
                valid.windows().stream().map(WindowDefinition::name).toList());
    }
}
