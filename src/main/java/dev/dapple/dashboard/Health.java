package dev.dapple.dashboard;

import dev.dapple.slo.JourneyState;

/**
 * How a journey reads on the dashboard, most urgent first: a word and a style class, so no page shows state by colour
 * alone. DOWN is an open incident; DEGRADED a burning or spent error budget.
 */
public enum Health {
    DOWN("Down", "down"),
    DEGRADED("Degraded", "degraded"),
    NO_DATA("No data", "nodata"),
    UP("Up", "up");

    private final String label;
    private final String css;

    Health(String label, String css) {
        this.label = label;
        this.css = css;
    }

    public static Health of(JourneyState state) {
        return switch (state) {
            case INCIDENT -> DOWN;
            case BURNING, EXHAUSTED -> DEGRADED;
            case NO_DATA -> NO_DATA;
            case OK -> UP;
        };
    }

    public String label() {
        return label;
    }

    /** The style class in {@code ui/static/dapple.css}: {@code state-down}, {@code state-up}, ... */
    public String css() {
        return "state-" + css;
    }
}
