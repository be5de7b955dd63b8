package dev.dapple.catalog;

import dev.dapple.journey.JourneyError;
import java.util.List;

/**
 * Hears, after every scan, of the journey files that are invalid, so a broken file never silently stops monitoring
 * (alert delivery sends one notice per file version). Called on the publishing leader only.
 */
public interface InvalidFileListener {

    /** @param contentHash SHA-256 (hex) of the file's bytes as scanned */
    record InvalidFile(String path, String contentHash, JourneyError firstError) {
    }

    /** Every invalid journey file of the scan (none: an empty list); a failure is logged and retried next scan. */
    void invalid(List<InvalidFile> files) throws Exception;
}
