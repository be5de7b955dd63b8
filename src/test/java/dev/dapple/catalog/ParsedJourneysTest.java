package dev.dapple.catalog;

import static dev.dapple.catalog.CatalogFiles.hash;
import static dev.dapple.catalog.CatalogFiles.journey;
import static dev.dapple.catalog.CatalogFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedJourneysTest {

    @TempDir
    Path dir;

    private final ParsedJourneys parsed = new ParsedJourneys();

    @Test
    void anUnchangedFileIsNotParsedAgain() throws IOException {
        write(dir, "checkout.yaml", journey("checkout", "1m"));
        write(dir, "shop/search.yaml", journey("search", "1m"));
        Journey first = parsed.load(dir).journeys().getFirst();

        JourneyLoader.Result again = parsed.load(dir);

        assertEquals(2, parsed.parses());
        assertEquals(List.of("checkout", "search"), again.journeys().stream().map(Journey::name).toList());
        assertSame(first, again.journeys().getFirst());
        assertEquals(journey("checkout", "1m"), parsed.text(first));
    }

    @Test
    void aRewriteWithTheSameSizeAndModificationTimeIsParsedAgain() throws IOException {
        Path file = write(dir, "checkout.yaml", journey("checkout", "1m"));
        FileTime written = Files.getLastModifiedTime(file);
        parsed.load(dir);
        String v2 = journey("checkout", "5m");
        write(dir, "checkout.yaml", v2);
        Files.setLastModifiedTime(file, written); // as a rewrite within the file system's timestamp granularity
        assertEquals(journey("checkout", "1m").length(), Files.size(file));

        Journey changed = parsed.load(dir).journeys().getFirst();

        assertEquals(2, parsed.parses());
        assertEquals(Duration.ofMinutes(5), changed.interval());
        assertEquals(hash(v2), changed.contentHash());
        assertEquals(v2, parsed.text(changed));
    }

    @Test
    void aMovedFileIsParsedAtItsNewPath() throws IOException {
        Path old = write(dir, "checkout.yaml", journey("checkout", "1m"));
        parsed.load(dir);
        Path moved = Files.move(old, Files.createDirectories(dir.resolve("shop")).resolve("checkout.yaml"));

        JourneyLoader.Result result = parsed.load(dir);

        assertEquals(2, parsed.parses());
        assertEquals(moved, result.journeys().getFirst().sourcePath());
        Files.move(moved, old);
        assertEquals(old, parsed.load(dir).journeys().getFirst().sourcePath());
        assertEquals(3, parsed.parses(), "a file that was gone is parsed again when it comes back");
    }

    @Test
    void anInvalidFileIsParsedEveryTimeSoACaFileCreatedLaterMakesItValid() throws IOException {
        write(dir, "checkout.yaml", withCa("checkout"));
        assertEquals(List.of(dir.resolve("checkout.yaml").toString()), List.copyOf(parsed.load(dir).invalidFiles()));
        parsed.load(dir);
        assertEquals(2, parsed.parses());

        write(dir, "certs/ca.pem", "not checked when parsing\n");
        JourneyLoader.Result result = parsed.load(dir);

        assertEquals(List.of("checkout"), result.journeys().stream().map(Journey::name).toList());
        assertEquals(List.of(), result.errors());
    }

    @Test
    void aValidFileWhoseCaFileIsDeletedIsParsedAgainAndInvalid() throws IOException {
        Path ca = write(dir, "certs/ca.pem", "not checked when parsing\n");
        write(dir, "checkout.yaml", withCa("checkout"));
        assertEquals(1, parsed.load(dir).journeys().size());
        Files.delete(ca);

        JourneyLoader.Result result = parsed.load(dir);

        assertEquals(List.of(), result.journeys());
        assertTrue(result.errors().getFirst().message().contains("no such file 'certs/ca.pem'"), result.errors().toString());
    }

    private static String withCa(String name) {
        return journey(name, "1m") + "    tls: { ca: certs/ca.pem }\n";
    }
}
