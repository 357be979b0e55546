package io.castline.engine.commerce;

/**
 * One thing an import could not take, where it is in the file: {@code line 7, Variant Price: 'abc' is
 * not a price}. The line is the file's (1 is the header of a CSV file); the column is the file's own
 * name for it (a CSV header, a JSON field), or null for the whole row.
 */
public record ImportProblem(int line, String column, String message) {
    @Override public String toString() {
        return "line " + line + (column == null ? "" : ", " + column) + ": " + message;
    }
}
