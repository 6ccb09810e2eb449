package io.hotfire.llm.vocabulary;

/** A vocabulary file that cannot be used; the message names the file, the field and the value. */
public class VocabularyException extends RuntimeException {

    private final String file;
    private final String field;

    public VocabularyException(String file, String field, String message) {
        this(file, field, message, null);
    }

    public VocabularyException(String file, String field, String message, Throwable cause) {
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
