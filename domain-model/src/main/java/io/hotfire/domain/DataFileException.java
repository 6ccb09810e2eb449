package io.hotfire.domain;

/**
 * A data file (profile, twin data, feature spec, vocabulary, labels, model) that cannot be used.
 * The message always reads {@code file: field: what is wrong}, so users see where to look; each
 * kind of file has its own subclass.
 */
public class DataFileException extends RuntimeException {

    private final String file;
    private final String field;

    public DataFileException(String file, String field, String message, Throwable cause) {
        super(file + ": " + field + ": " + message, cause);
        this.file = file;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }
}
