package io.hotfire.learned;

/**
 * Bad input to the learned parts — a feature spec, a labels file, a model file — named by file
 * and field, e.g. {@code learned.yaml: gate.alpha: must lie in (0, 0.5), got 0.7}.
 */
public class LearnedDataException extends RuntimeException {

    private final String file;
    private final String field;

    public LearnedDataException(String file, String field, String message) {
        this(file, field, message, null);
    }

    public LearnedDataException(String file, String field, String message, Throwable cause) {
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
