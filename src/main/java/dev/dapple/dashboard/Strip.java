package dev.dapple.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Availability over time as inline SVG: one row per location, one cell per time bucket, shaded by its state (css
 * {@code fill-up}, {@code fill-degraded}, ...). Each cell's {@code <title>} says its state and figures in words, and
 * each row's label carries the location's availability, so colour is never the only carrier.
 */
public record Strip(String label, Instant from, Instant to, List<Row> rows) {

    static final int WIDTH = 640;
    static final int LABEL = 150;
    static final int ROW = 22;
    static final int CELL = 16;
    static final int AXIS = 18;

    public Strip {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a strip's span must end (" + to + ") after it starts (" + from + ")");
        }
        rows = List.copyOf(rows);
    }

    /** One location; {@code label} is what its row says, e.g. {@code eu-west 99.5%}. */
    public record Row(String label, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** One bucket [from, to) and its state; {@code text} is the cell's words, e.g. {@code 58 of 60 runs good}. */
    public record Cell(Instant from, Instant to, Health health, String text) {
    }

    public String svg() {
        int height = Math.max(1, rows.size()) * ROW + AXIS;
        StringBuilder svg = new StringBuilder(Svg.open(WIDTH, height, label));
        if (rows.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"14\" text-anchor=\"middle\">")
                    .append("No location has runs in this span</text></svg>");
            return svg.toString();
        }
        double span = Duration.between(from, to).toMillis();
        double plot = WIDTH - LABEL;
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int y = r * ROW;
            svg.append("<text x=\"0\" y=\"").append(y + 13).append("\">").append(Svg.escape(row.label()))
                    .append("</text>");
            for (Cell cell : row.cells()) {
                double x1 = LABEL + Duration.between(from, cell.from()).toMillis() / span * plot;
                double x2 = LABEL + Duration.between(from, cell.to()).toMillis() / span * plot;
                svg.append("<rect class=\"").append(Svg.fill(cell.health())).append("\" x=\"").append(Svg.n(x1))
                        .append("\" y=\"").append(y + 2).append("\" width=\"").append(Svg.n(Math.max(1, x2 - x1 - 1)))
                        .append("\" height=\"").append(CELL).append("\"><title>")
                        .append(Svg.escape(title(row, cell)))
                        .append("</title></rect>");
            }
        }
        int axis = rows.size() * ROW + 12;
        svg.append("<text x=\"").append(LABEL).append("\" y=\"").append(axis).append("\">")
                .append(Svg.escape(Display.utc(from))).append("</text><text x=\"").append(WIDTH).append("\" y=\"")
                .append(axis).append("\" text-anchor=\"end\">").append(Svg.escape(Display.utc(to))).append("</text>");
        return svg.append("</svg>").toString();
    }

    private static String title(Row row, Cell cell) {
        return row.label() + ", " + Display.utc(cell.from()) + " to " + Display.utc(cell.to()) + ": "
                + cell.health().label() + ", " + cell.text();
    }
}
