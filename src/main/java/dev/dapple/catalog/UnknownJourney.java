package dev.dapple.catalog;

import dev.dapple.http.Problem;
import dev.dapple.journey.Suggestions;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** The 404 for a journey name that is not published, with a nearby name or the short list of known ones. */
public final class UnknownJourney {

    /** Up to this many published journeys are listed in the answer; past it only a close name is suggested. */
    static final int LISTED = 10;

    private UnknownJourney() {
    }

    public static MutableHttpResponse<Problem> response(String name, List<String> known) {
        return Problem.response(HttpStatus.NOT_FOUND, message(name, known));
    }

    static String message(String name, List<String> known) {
        String message = "no published journey named '" + name + "'" + Suggestions.didYouMean(name, known);
        if (known.isEmpty()) {
            return message + "; none is published (see GET /api/journeys for invalid files)";
        }
        if (known.size() <= LISTED) {
            return message + "; published: " + String.join(", ", known);
        }
        return message + "; see GET /api/journeys for all " + known.size();
    }
}
