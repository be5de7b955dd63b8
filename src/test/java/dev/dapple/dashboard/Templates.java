package dev.dapple.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** Renders the precompiled jte templates (as the server does) against fixed data, for template tests. */
public final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {
    }

    /** Renders {@code ui/templates/NAME.jte} with these parameters. */
    public static String render(String name, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        ENGINE.render(name + ".jte", params, output);
        return output.toString();
    }
}
