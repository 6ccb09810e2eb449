package io.hotfire.domain.telemetry;

import io.hotfire.domain.profile.EngineProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads telemetry CSV (the ICD's column names) into {@link Frame}s of one engine profile.
 *
 * <p>The format, as recorded runs and the simulator write it:
 * <ul>
 * <li>The first non-blank line is the header: a {@code t} column (run time in seconds), an
 * optional {@code seq} column, and any subset of the profile's sensor ids, in any order. A column
 * the profile lacks, a duplicate or an unnamed column is an error naming it. A profile sensor
 * without a column reads {@code NaN} in every frame (a missing channel is a dead channel).</li>
 * <li>Each further non-blank line is one frame. Without a {@code seq} column, rows are numbered
 * {@code firstSeq, firstSeq + 1, ...} in file order.</li>
 * <li>A sensor cell is a decimal number, or empty or {@code NaN} (both read as {@code NaN}).
 * Values outside a sensor's span are kept as read: they are data, and sensor validation marks
 * them dead. Anything else, including infinities and numbers beyond the range of a double, is an
 * error with its line and column. {@code t} must be a finite, non-negative number, {@code seq} an
 * integer with {@code 0 <= seq < 10^15} ({@link FrameRules}).</li>
 * <li>The rows as a set, in seq order, must not go back in t, and neighbouring seqs may be at most
 * 10^6 apart ({@link FrameRules#checkBatch}); the error names the row's line.</li>
 * <li>LF, CRLF and lone CR line ends may be mixed; a leading byte-order mark is ignored; blank
 * lines are skipped (their line numbers still count); cells are trimmed and may be wrapped in
 * double quotes ({@code ""} inside quotes is a quote), but a quoted cell cannot span lines.</li>
 * </ul>
 * A profile's {@code csv:} section renames the time column (e.g. {@code TIME}), gives its unit,
 * maps file columns to sensor ids, scales a sensor's cells into the profile's unit and lists columns
 * to skip ({@link io.hotfire.domain.profile.CsvMapping}); times are converted to seconds.
 * The reader does not check that seq numbers are unique (a repeat is the store's business).
 * Instances are immutable and thread-safe.
 */
public final class CsvFrameReader {

    /** Column holding the run time in seconds. */
    public static final String TIME_COLUMN = "t";
    /** Optional column holding the frame sequence number. */
    public static final String SEQ_COLUMN = "seq";

    private static final int TIME = -1;
    private static final int SEQ = -2;
    private static final int IGNORED = -3;

    private final EngineProfile profile;

    public CsvFrameReader(EngineProfile profile) {
        this.profile = profile;
    }

    public EngineProfile profile() {
        return profile;
    }

    /** Reads a whole CSV text; rows without a {@code seq} column are numbered from {@code firstSeq}. */
    public List<Frame> read(String text, long firstSeq) {
        return read(new StringReader(text), firstSeq);
    }

    /** Reads CSV from {@code in} to its end (the caller closes it); see {@link #readTable}. */
    public List<Frame> read(Reader in, long firstSeq) {
        return readTable(in, firstSeq).frames();
    }

    /** What a CSV text held: its header columns, in file order, and its frames. */
    public record Table(List<String> columns, List<Frame> frames) {
        public Table {
            columns = List.copyOf(columns);
            frames = List.copyOf(frames);
        }

        /** Whether the rows carried their own seq numbers (else they were numbered from firstSeq). */
        public boolean hasSeqColumn() {
            return columns.contains(SEQ_COLUMN);
        }
    }

    /**
     * Reads CSV from {@code in} to its end (the caller closes it).
     *
     * @throws CsvFormatException   on the first malformed header or row
     * @throws UncheckedIOException when {@code in} fails
     */
    public Table readTable(Reader in, long firstSeq) {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<Frame> frames = new ArrayList<>();
        List<Integer> frameLines = new ArrayList<>();
        int lineNo = 0;
        int[] slots = null;
        String[] names = null;
        double[] scales = null;
        int seqSlot = -1;
        int timeSlot = -1;
        long nextSeq = firstSeq;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line, lineNo, names);
                if (slots == null) {
                    names = cells.toArray(String[]::new);
                    slots = header(names, lineNo);
                    scales = new double[profile.sensors().size()];
                    for (int k = 0; k < scales.length; k++) {
                        scales[k] = profile.csv().scaleOf(profile.sensors().get(k).id());
                    }
                    for (int c = 0; c < slots.length; c++) {
                        if (slots[c] == TIME) {
                            timeSlot = c;
                        } else if (slots[c] == SEQ) {
                            seqSlot = c;
                        }
                    }
                    continue;
                }
                if (cells.size() != names.length) {
                    int col = Math.min(cells.size(), names.length) + 1;
                    throw new CsvFormatException(lineNo, col, col <= names.length ? names[col - 1] : null,
                            "expected " + names.length + " cells as in the header, found " + cells.size());
                }
                double t = number(cells.get(timeSlot), lineNo, timeSlot, names);
                if (Double.isNaN(t)) {
                    throw new CsvFormatException(lineNo, timeSlot + 1, timeColumn(),
                            timeColumn() + " must be a number, found an empty or NaN cell");
                }
                t *= profile.csv().timeScale();
                if (t < 0) {
                    throw new CsvFormatException(lineNo, timeSlot + 1, timeColumn(), FrameRules.timeProblem(t));
                }
                long seq = seqSlot >= 0 ? seq(cells.get(seqSlot), lineNo, seqSlot) : nextSeq++;
                double[] values = new double[profile.sensors().size()];
                Arrays.fill(values, Double.NaN);
                for (int c = 0; c < slots.length; c++) {
                    if (slots[c] >= 0) {
                        values[slots[c]] = number(cells.get(c), lineNo, c, names) * scales[slots[c]];
                    }
                }
                frames.add(new Frame(seq, t, values));
                frameLines.add(lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV at line " + (lineNo + 1), e);
        }
        if (slots == null) {
            throw new CsvFormatException(Math.max(lineNo, 1), 0, null, "no header line: the text is empty");
        }
        FrameRules.Violation v = FrameRules.checkBatch(frames);
        if (v != null) {
            boolean seqField = v.field().equals(SEQ_COLUMN);
            throw new CsvFormatException(frameLines.get(v.index()), (seqField ? seqSlot : timeSlot) + 1, v.field(), v.detail());
        }
        return new Table(Arrays.asList(names), frames);
    }

    private String timeColumn() {
        return profile.csv().timeColumn();
    }

    /** Maps each header cell to a profile index, {@link #TIME}, {@link #SEQ} or {@link #IGNORED}. */
    private int[] header(String[] names, int lineNo) {
        int[] slots = new int[names.length];
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
            String name = names[c];
            if (name.isEmpty()) {
                throw new CsvFormatException(lineNo, c + 1, null, "header cell " + (c + 1) + " is empty; every column needs a name");
            }
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                throw new CsvFormatException(lineNo, c + 1, name,
                        "duplicate column '" + name + "' (first at column " + (first + 1) + ")");
            }
            if (name.equals(timeColumn())) {
                slots[c] = TIME;
            } else if (name.equals(SEQ_COLUMN)) {
                slots[c] = SEQ;
            } else if (profile.csv().ignore().contains(name)) {
                slots[c] = IGNORED;
            } else {
                String sensor = profile.csv().sensorOf(name);
                int idx = profile.indexOf(sensor);
                if (idx < 0) {
                    throw new CsvFormatException(lineNo, c + 1, name,
                            "unknown column '" + name + "': profile " + profile.id() + " has no such sensor"
                                    + " (map it with csv.columns or skip it with csv.ignore in profile.yaml)");
                }
                for (int p = 0; p < c; p++) {
                    if (slots[p] == idx) {
                        throw new CsvFormatException(lineNo, c + 1, name,
                                "column '" + name + "' and column '" + names[p] + "' both map to sensor " + sensor);
                    }
                }
                slots[c] = idx;
            }
        }
        if (!seen.containsKey(timeColumn())) {
            throw new CsvFormatException(lineNo, 0, null, "the header has no '" + timeColumn() + "' column"
                    + (timeColumn().equals(TIME_COLUMN) ? " (a file with another time column: set csv.timeColumn in profile.yaml)" : ""));
        }
        return slots;
    }

    /** A sensor or time cell: empty and NaN read as NaN, otherwise a finite decimal number. */
    private static double number(String cell, int lineNo, int c, String[] names) {
        if (cell.isEmpty() || cell.equalsIgnoreCase("NaN")) {
            return Double.NaN;
        }
        if (!isDecimal(cell)) {
            throw new CsvFormatException(lineNo, c + 1, names[c], "'" + shorten(cell) + "' is not a number");
        }
        double v = Double.parseDouble(cell);
        if (Double.isInfinite(v)) {
            throw new CsvFormatException(lineNo, c + 1, names[c], "'" + shorten(cell) + "' is beyond the range of a double");
        }
        return v;
    }

    private static long seq(String cell, int lineNo, int c) {
        int n = cell.length();
        int start = n > 0 && cell.charAt(0) == '+' ? 1 : 0;
        boolean digits = n > start && n - start <= 15; // at most 15 digits: below 10^15 (FrameRules.SEQ_LIMIT)
        for (int i = start; digits && i < n; i++) {
            char ch = cell.charAt(i);
            digits = ch >= '0' && ch <= '9';
        }
        if (!digits) {
            throw new CsvFormatException(lineNo, c + 1, SEQ_COLUMN,
                    "seq must be an integer with 0 <= seq < 10^15, found '" + shorten(cell) + "'");
        }
        return Long.parseLong(cell.substring(start));
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: no hex, suffixes or words. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Splits one line into trimmed cells, honouring double quotes within the line. */
    private static List<String> split(String line, int lineNo, String[] names) {
        List<String> cells = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            int col = cells.size() + 1;
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            String cell;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            b.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        b.append(ch);
                    }
                }
                if (!closed) {
                    throw new CsvFormatException(lineNo, col, name(names, col),
                            "unterminated quoted cell (a quoted cell cannot span lines)");
                }
                while (i < n && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new CsvFormatException(lineNo, col, name(names, col), "unexpected text after a closing quote");
                }
                cell = b.toString().strip();
            } else {
                int end = line.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                cell = line.substring(i, end).strip();
                i = end;
            }
            cells.add(cell);
            if (i >= n) {
                return cells;
            }
            i++; // the comma
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String name(String[] names, int col) {
        return names != null && col <= names.length ? names[col - 1] : null;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
