package dev.dapple.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of runs, newest first; {@code next} is the cursor of the following page, null (left out of the JSON) on the
 * last. An empty page still shows {@code "runs": []}.
 */
@Serdeable
public record RunPage(@JsonInclude(JsonInclude.Include.ALWAYS) List<RunResult> runs, @Nullable String next) {
}
