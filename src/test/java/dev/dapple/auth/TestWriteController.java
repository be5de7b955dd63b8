package dev.dapple.auth;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import java.util.Map;

/** Exists only in tests: write endpoints to prove the admin-token guard before the first real one lands. */
@Controller("/api/test-writes")
class TestWriteController {

    @Get
    Map<String, String> read() {
        return Map.of("read", "ok");
    }

    @Post
    Map<String, String> create(@Body Map<String, String> body) {
        return Map.of("created", body.getOrDefault("name", ""));
    }

    @Put
    Map<String, String> replace(@Body Map<String, String> body) {
        return Map.of("replaced", body.getOrDefault("name", ""));
    }

    @Delete
    Map<String, String> remove() {
        return Map.of("deleted", "ok");
    }

    @Post("/probe-like")
    Map<String, String> notUnderProbeApi() {
        return Map.of("guarded", "yes");
    }
}
