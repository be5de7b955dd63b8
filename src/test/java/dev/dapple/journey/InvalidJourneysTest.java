package dev.dapple.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invalid corpus: each {@code invalid/NAME.yaml} is rejected with exactly the lines in {@code NAME.expected}.
 * After a deliberate change of messages, {@code ./mvnw test -Dtest=InvalidJourneysTest -Ddapple.corpus.write=true}
 * rewrites the expected files; review their diff before committing.
 */
class InvalidJourneysTest {

    static final Path DIR = Path.of("src/test/resources/journeys/invalid");

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(JourneyLoader::isJourneyFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRejectedWithExactlyTheExpectedErrors(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<String> actual = errors(JourneyParser.parse(name, Files.readAllBytes(file), file));
        check(DIR.resolve(name.replaceFirst("\\.ya?ml$", ".expected")), actual);
    }

    @Test
    void theCorpusIsLargeAndEveryCaseHasItsExpectedErrors() throws IOException {
        List<Path> cases = corpus().toList();
        assertTrue(cases.size() >= 40, "at least 40 invalid journeys, found " + cases.size());
        for (Path file : cases) {
            assertTrue(Files.exists(DIR.resolve(file.getFileName().toString().replaceFirst("\\.ya?ml$", ".expected"))), file.toString());
        }
    }

    @Test
    void aJourneyNameUsedTwiceIsAnErrorNamingBothFilesAndTheFirstFileStaysValid() throws IOException {
        Path dir = DIR.resolve("duplicate-names");
        JourneyLoader.Result result = JourneyLoader.load(dir);
        assertEquals(List.of("shop"), result.journeys().stream().map(Journey::name).toList());
        assertEquals(dir.resolve("a.yaml"), result.journeys().getFirst().sourcePath());
        check(DIR.resolve("duplicate-names.expected"), result.errors().stream().map(JourneyError::toString).toList());
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        var text = new StringBuilder("name: huge\ninterval: 1m\nsteps:\n");
        while (text.length() <= YamlSource.MAX_BYTES) {
            text.append("  - name: step-").append(text.length()).append("\n    get: https://example.com/\n");
        }
        Files.writeString(file, text);
        long size = Files.size(file);
        assertEquals(List.of(file + ":1:1: the file is " + size + " bytes; a journey file may be at most 1 MiB (1048576 bytes)"),
                errors(JourneyParser.parse(file)));
        // The same limit holds for bytes handed over directly.
        assertEquals(List.of("huge.yaml:1:1: the file is " + size + " bytes; a journey file may be at most 1 MiB (1048576 bytes)"),
                errors(JourneyParser.parse("huge.yaml", Files.readAllBytes(file), file)));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirOffset() {
        byte[] latin1 = "name: caf\u00e9\ninterval: 1m\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("latin1.yaml:1:10: the file is not UTF-8: invalid byte 0xE9 at byte offset 9"),
                errors(JourneyParser.parse("latin1.yaml", latin1, Path.of("latin1.yaml"))));
        byte[] second = "# ok\nname: \u00fcber\nowner: \u00ff".getBytes(StandardCharsets.UTF_8);
        second[second.length - 1] = (byte) 0xC0;
        assertEquals(List.of("x.yaml:3:8: the file is not UTF-8: invalid byte 0xC3 at byte offset 24"),
                errors(JourneyParser.parse("x.yaml", second, Path.of("x.yaml"))));
    }

    @Test
    void onceChannelsAreConfiguredAJourneyMayOnlyNameThoseWithASuggestion() throws IOException {
        Path file = DIR.resolve("unknown-channels/checkout.yaml");
        byte[] bytes = Files.readAllBytes(file);
        check(DIR.resolve("unknown-channels.expected"),
                errors(JourneyParser.parse("checkout.yaml", bytes, file, java.util.Set.of("slack", "pager"))));
        // Without configured channels (or when parsing a stored version back) names are not checked.
        assertInstanceOf(ParseResult.Parsed.class, JourneyParser.parse("checkout.yaml", bytes, file));
        assertInstanceOf(ParseResult.Parsed.class,
                JourneyParser.parse("checkout.yaml", bytes, file, java.util.Set.of("slack", "pager", "slak", "jira")));
    }

    static List<String> errors(ParseResult result) {
        return switch (result) {
            case ParseResult.Invalid(List<JourneyError> errors) -> errors.stream().map(JourneyError::toString).toList();
            case ParseResult.Parsed parsed -> fail("accepted: " + parsed.journey());
        };
    }

    private static void check(Path expectedFile, List<String> actual) throws IOException {
        if (Boolean.getBoolean("dapple.corpus.write")) {
            Files.write(expectedFile, actual);
        }
        assertTrue(Files.exists(expectedFile), expectedFile + " is missing; actual errors:\n" + String.join("\n", actual));
        assertEquals(String.join("\n", Files.readAllLines(expectedFile)), String.join("\n", actual));
    }
}
