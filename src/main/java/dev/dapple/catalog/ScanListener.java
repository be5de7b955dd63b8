package dev.dapple.catalog;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import java.util.List;

/**
 * Hears, after every scan of the journey folder on the publishing leader, which journeys are valid and which files
 * are invalid: alert delivery sends a notice per invalid file version (a broken file never silently stops
 * monitoring) and warns of journeys whose alerts would reach nobody. An interface here so the catalog does not
 * depend on alert delivery.
 */
public interface ScanListener {

    /** @param contentHash SHA-256 (hex) of the file's bytes as scanned */
    record InvalidFile(String path, String contentHash, JourneyError firstError) {
    }

    /** The scan's valid journeys and invalid journey files; a failure is logged and the next scan tells again. */
    void scanned(List<Journey> journeys, List<InvalidFile> invalid) throws Exception;
}
