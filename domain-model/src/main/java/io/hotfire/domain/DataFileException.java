package io.hotfire.domain;

/**
 * A data file (profile, twin data, feature spec, vocabulary, labels, model) that cannot be used.
 * The message always reads {@code file:line: field: what is wrong} (the line where the field is,
 * or where it should be; without {@code :line} only when there is none, e.g. a file that cannot
 * be read), so users see where to look; each kind of file has its own subclass. Files are read
 * through {@link io.hotfire.domain.data.DataNode}, which finds the line.
 */
public class DataFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    /** A problem at {@code line} (1-based; 0 when there is none) of {@code file}. */
    public DataFileException(String file, int line, String field, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + field + ": " + message);
        if (cause != null) {
            initCause(cause); // left unset otherwise, so a reader can still attach it
        }
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** A problem with no line (the file cannot be read, or the data did not come from a file). */
    public DataFileException(String file, String field, String message, Throwable cause) {
        this(file, 0, field, message, cause);
    }

    public String file() {
        return file;
    }

    /** The 1-based line of the field (or of where it should be), 0 if unknown. */
    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
