package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A run's steps as a waterfall in inline SVG: one row per step, a bar from its start offset for its duration, shaded
 * by its outcome, with the duration written beside it. A step without a duration (skipped) shows no bar, only its
 * outcome in words.
 */
public record Waterfall(String label, List<Bar> bars) {

    static final int WIDTH = 640;
    static final int LABEL = 150;
    static final int VALUE = 140; // room for "passed in 1.24 s" after the last bar
    static final int ROW = 22;

    public Waterfall {
        bars = List.copyOf(bars);
    }

    /**
     * @param offsetUs   when the step started, after the run's start
     * @param durationUs how long it took; null when it never ran
     * @param text       what the bar says, e.g. {@code passed in 245 ms} or {@code skipped}
     */
    public record Bar(String label, long offsetUs, @Nullable Long durationUs, Health health, String text) {
    }

    /** The run's length on the chart: the end of its last bar. */
    long totalUs() {
        return bars.stream().mapToLong(b -> b.offsetUs() + (b.durationUs() == null ? 0 : b.durationUs())).max()
                .orElse(0);
    }

    public String svg() {
        int height = Math.max(1, bars.size()) * ROW + 4;
        StringBuilder svg = new StringBuilder(Svg.open(WIDTH, height, label));
        if (bars.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"14\" text-anchor=\"middle\">")
                    .append("This run has no steps</text></svg>");
            return svg.toString();
        }
        double total = Math.max(1, totalUs());
        double plot = WIDTH - LABEL - VALUE;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * ROW;
            double x = LABEL + bar.offsetUs() / total * plot;
            svg.append("<text x=\"0\" y=\"").append(y + 14).append("\">").append(Svg.escape(bar.label()))
                    .append("</text>");
            double width = 0;
            if (bar.durationUs() != null) {
                width = Math.max(1, bar.durationUs() / total * plot);
                svg.append("<rect class=\"").append(Svg.fill(bar.health())).append("\" x=\"").append(Svg.n(x))
                        .append("\" y=\"").append(y + 3).append("\" width=\"").append(Svg.n(width))
                        .append("\" height=\"16\"><title>").append(Svg.escape(bar.label() + ": " + bar.text()))
                        .append("</title></rect>");
            }
            svg.append("<text x=\"").append(Svg.n(x + width + 4)).append("\" y=\"").append(y + 14).append("\">")
                    .append(Svg.escape(bar.text())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }
}
