package dev.dapple.dashboard;

import dev.dapple.slo.JourneyState;

/**
 * A status badge as SVG (the familiar two-part shape): the journey's name, then its state and availability in the
 * state's colour. The words carry the state too, so it never depends on colour alone.
 */
record Badge(String label, String message, String color) {

    /** Roughly Verdana 11px's average advance; badges need not be exact, only wide enough. */
    private static final double CHAR_WIDTH = 6.8;
    private static final int PADDING = 6;

    static Badge of(String journey, JourneyState state, Double sli) {
        String availability = sli == null ? "" : " · " + Display.percent(sli);
        return switch (state) {
            case INCIDENT -> new Badge(journey, "down" + availability, "#c62828");
            case BURNING -> new Badge(journey, "burning budget" + availability, "#b45309");
            case EXHAUSTED -> new Badge(journey, "budget spent" + availability, "#b45309");
            case NO_DATA -> new Badge(journey, "no data", "#616161");
            case OK -> new Badge(journey, "up" + availability, "#2e7d32");
        };
    }

    static Badge unknown(String journey) {
        return new Badge(journey, "unknown journey", "#616161");
    }

    String svg() {
        int left = width(label);
        int right = width(message);
        int total = left + right;
        String text = Svg.escape(label + ": " + message);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + text + "\"><title>" + text + "</title>"
                + "<rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + color + "\"/>"
                + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\""
                + " text-anchor=\"middle\">"
                + "<text x=\"" + left / 2.0 + "\" y=\"14\">" + Svg.escape(label) + "</text>"
                + "<text x=\"" + (left + right / 2.0) + "\" y=\"14\">" + Svg.escape(message) + "</text>"
                + "</g></svg>";
    }

    private static int width(String text) {
        return (int) Math.ceil(text.codePointCount(0, text.length()) * CHAR_WIDTH) + 2 * PADDING;
    }

}
