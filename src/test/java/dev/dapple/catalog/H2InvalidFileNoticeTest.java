package dev.dapple.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Invalid-file notices and channel checks on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2InvalidFileNoticeTest extends InvalidFileNoticeContract {

    @Override
    Map<String, String> store() {
        return Map.of();
    }
}
