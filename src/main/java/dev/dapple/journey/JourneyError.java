package dev.dapple.journey;

/** One problem in a journey file, at the 1-based line and column of the YAML node it is about. */
public record JourneyError(String path, int line, int column, String message) implements Comparable<JourneyError> {

    @Override
    public int compareTo(JourneyError other) {
        int byPath = path.compareTo(other.path);
        if (byPath != 0) {
            return byPath;
        }
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    /** {@code path:line:column: message}, the shape compilers use, so editors and CI annotate the line. */
    @Override
    public String toString() {
        return path + ":" + line + ":" + column + ": " + message;
    }
}
