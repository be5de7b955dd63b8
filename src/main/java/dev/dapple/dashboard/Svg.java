package dev.dapple.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The pieces every server-drawn chart writes the same way: escaped text (charts are inlined into pages unescaped, so
 * every name and label passes through here), coordinates, and the accessible opening tag.
 */
final class Svg {

    private Svg() {
    }

    /** Text safe inside an element and inside a double-quoted attribute. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A coordinate with at most one decimal, locale-free. */
    static String n(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code <svg class="chart" ... role="img" aria-label="..."><title>...</title>}: the chart's text alternative. */
    static String open(int width, int height, String label) {
        String text = escape(label);
        return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" role=\"img\" aria-label=\"" + text + "\"><title>" + text + "</title>";
    }

    /** The fill class of a state in {@code dapple.css}: {@code fill-up}, {@code fill-down}, ... */
    static String fill(Health health) {
        return "fill-" + health.css().substring("state-".length());
    }
}
