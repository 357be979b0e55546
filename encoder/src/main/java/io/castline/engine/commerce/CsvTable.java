package io.castline.engine.commerce;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A CSV file read with commons-csv, each row with the line it starts on (a quoted cell, such as
 * Shopify's "Body (HTML)", may hold line breaks, so rows and lines differ). A file that stops being
 * CSV part-way gives the rows before it and a problem where it broke.
 */
final class CsvTable {
    /** One row: its cells by header name, and the line of the file it starts on. */
    record Row(int line, Map<String, String> cells) {
        /** The cell stripped of spaces, or "" where the row has no such column. */
        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.strip();
        }
    }

    final List<String> header;
    final List<Row> rows;

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    /** Reads {@code file} (UTF-8, with or without a byte-order mark, as spreadsheet programs write it). */
    static CsvTable read(Path file, Consumer<ImportProblem> problems) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            problems.accept(new ImportProblem(1, null, "the file is not UTF-8 text (save the CSV as UTF-8)"));
            return new CsvTable(List.of(), List.of());
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        List<String> header;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            List<String> raw = parser.getHeaderNames();
            header = raw.stream().map(String::strip).toList();
            try {
                for (CSVRecord r : parser) {
                    java.util.LinkedHashMap<String, String> cells = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < raw.size() && i < r.size(); i++) cells.put(header.get(i), r.get(i));
                    if (r.size() > raw.size() && r.stream().skip(raw.size()).anyMatch(v -> !v.isBlank())) {
                        problems.accept(new ImportProblem(lineOf(lineStarts, r.getCharacterPosition()), null,
                                r.size() + " cells where the header has " + raw.size() + " (the extra ones are left out)"));
                    }
                    rows.add(new Row(lineOf(lineStarts, r.getCharacterPosition()), Map.copyOf(cells)));
                }
            } catch (UncheckedIOException e) {
                problems.accept(new ImportProblem((int) parser.getCurrentLineNumber() + 1, null,
                        "the file is not valid CSV from here (" + reason(e) + "); the rows before it are read"));
            }
        } catch (IllegalArgumentException e) {
            // commons-csv refuses a header with a name twice
            problems.accept(new ImportProblem(1, null, "the header is not usable: " + e.getMessage()));
            return new CsvTable(List.of(), List.of());
        } catch (UncheckedIOException e) {
            problems.accept(new ImportProblem(1, null, "the header is not valid CSV (" + reason(e) + ")"));
            return new CsvTable(List.of(), List.of());
        }
        return new CsvTable(header, rows);
    }

    private static String reason(UncheckedIOException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        String m = c.getMessage() == null ? c.toString() : c.getMessage();
        // commons-csv: "(line 5) EOF reached before encapsulated token finished"
        return m.replaceFirst("^\\(line \\d+\\)\\s*", "").replaceFirst("^.*IOException: ", "");
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** The 1-based line holding character {@code position}. */
    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
