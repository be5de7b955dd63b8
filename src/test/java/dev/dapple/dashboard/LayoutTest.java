package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void pagesHaveLandmarksASkipLinkAndNoScriptUnlessTheyRefresh() {
        String html = Templates.render("login", Map.of("next", "/", "failed", false));
        assertTrue(html.contains("<html lang=\"en\">"), html);
        assertTrue(html.contains("<a class=\"skip\" href=\"#main\">"), html);
        assertTrue(html.contains("<nav aria-label=\"Sections\">"), html);
        assertTrue(html.contains("<main id=\"main\">"), html);
        assertFalse(html.contains("<script"), "a page that does not refresh needs no script");
        assertFalse(html.contains("aria-current"), "no section is current on the sign-in page");
    }
}
