package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A time-series line chart as inline SVG: up to three series (each a css class {@code series-N}), incidents as shaded
 * bands, annotations as dashed markers, each with a {@code <title>} so a pointer or screen reader gets its words.
 * The y axis starts at 0 unless a value is below it; a null value is a gap in the line, never a zero.
 *
 * @param label  the text alternative: what the chart shows (the page states the key figures in words as well)
 * @param format how a y value is written on the axis, e.g. {@link Display#millis}
 */
public record LineChart(String label, Instant from, Instant to, List<Series> series, List<Band> bands,
                        List<Marker> markers, Function<Double, String> format) {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int LEFT = 64;
    static final int RIGHT = 12;
    static final int TOP = 22;
    static final int BOTTOM = 24;
    private static final int TICKS = 4;

    public LineChart {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a chart's span must end (" + to + ") after it starts (" + from + ")");
        }
        if (series.size() > 3) {
            throw new IllegalArgumentException("a chart draws at most 3 series, not " + series.size());
        }
        series = List.copyOf(series);
        bands = List.copyOf(bands);
        markers = List.copyOf(markers);
    }

    /** One line; {@code points} oldest first. */
    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public record Point(Instant at, @Nullable Double value) {
    }

    /** A span to shade, such as an incident; {@code to} null means still going. */
    public record Band(Instant from, @Nullable Instant to, String label) {
    }

    /** A moment to mark, such as an annotation. */
    public record Marker(Instant at, String label) {
    }

    public boolean empty() {
        return series.stream().flatMap(s -> s.points().stream()).allMatch(p -> p.value() == null);
    }

    public String svg() {
        StringBuilder svg = new StringBuilder(Svg.open(WIDTH, HEIGHT, label));
        if (empty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">No data in this span</text></svg>");
            return svg.toString();
        }
        double min = Math.min(0, values().stream().mapToDouble(Double::doubleValue).min().orElse(0));
        double max = values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (max <= min) {
            max = min + 1;
        }
        Scale scale = new Scale(from, to, min, max);
        for (Band band : bands) {
            if (band.from().isAfter(to) || band.to() != null && band.to().isBefore(from)) {
                continue;
            }
            double x1 = scale.x(band.from().isBefore(from) ? from : band.from());
            double x2 = scale.x(band.to() == null || band.to().isAfter(to) ? to : band.to());
            svg.append("<rect class=\"incident\" x=\"").append(Svg.n(x1)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(Svg.n(Math.max(2, x2 - x1))).append("\" height=\"")
                    .append(HEIGHT - TOP - BOTTOM).append("\"><title>").append(Svg.escape(band.label()))
                    .append("</title></rect>");
        }
        for (int i = 0; i <= TICKS; i++) {
            double value = min + (max - min) * i / TICKS;
            double y = scale.y(value);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(Svg.n(y)).append("\" y2=\"").append(Svg.n(y)).append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.n(y + 4))
                    .append("\" text-anchor=\"end\">").append(Svg.escape(format.apply(value))).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6).append("\">")
                .append(Svg.escape(Display.utc(from))).append("</text><text x=\"").append(WIDTH - RIGHT)
                .append("\" y=\"").append(HEIGHT - 6).append("\" text-anchor=\"end\">")
                .append(Svg.escape(Display.utc(to))).append("</text>");
        for (Marker marker : markers) {
            if (marker.at().isBefore(from) || marker.at().isAfter(to)) {
                continue;
            }
            String x = Svg.n(scale.x(marker.at()));
            svg.append("<line class=\"annotation\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"><title>")
                    .append(Svg.escape(marker.label())).append("</title></line>");
        }
        for (int s = 0; s < series.size(); s++) {
            line(svg, scale, series.get(s), "series-" + (s + 1));
            double legendX = LEFT + s * 110;
            svg.append("<line class=\"series-").append(s + 1).append("\" x1=\"").append(Svg.n(legendX))
                    .append("\" x2=\"").append(Svg.n(legendX + 16)).append("\" y1=\"8\" y2=\"8\"/><text x=\"")
                    .append(Svg.n(legendX + 20)).append("\" y=\"12\">").append(Svg.escape(series.get(s).name()))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Consecutive values make a polyline; a lone value between gaps is a dot. */
    private static void line(StringBuilder svg, Scale scale, Series series, String css) {
        List<String> run = new ArrayList<>();
        for (Point point : series.points()) {
            if (point.value() == null) {
                flush(svg, run, css);
            } else {
                run.add(Svg.n(scale.x(point.at())) + "," + Svg.n(scale.y(point.value())));
            }
        }
        flush(svg, run, css);
    }

    private static void flush(StringBuilder svg, List<String> run, String css) {
        if (run.size() == 1) {
            String[] xy = run.getFirst().split(",");
            svg.append("<circle class=\"").append(css).append("\" cx=\"").append(xy[0]).append("\" cy=\"")
                    .append(xy[1]).append("\" r=\"1.5\"/>");
        } else if (run.size() > 1) {
            svg.append("<polyline class=\"").append(css).append("\" points=\"").append(String.join(" ", run))
                    .append("\"/>");
        }
        run.clear();
    }

    private List<Double> values() {
        return series.stream().flatMap(s -> s.points().stream()).map(Point::value)
                .filter(v -> v != null).toList();
    }

    /** Maps time to x and value to y inside the margins. */
    record Scale(Instant from, Instant to, double min, double max) {
        double x(Instant at) {
            double share = (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis();
            return LEFT + share * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return TOP + (max - value) / (max - min) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
