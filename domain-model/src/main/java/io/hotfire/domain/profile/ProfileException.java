package io.hotfire.domain.profile;

/** A profile file that cannot be used; the message names the file, the field and the value. */
public class ProfileException extends RuntimeException {

    private final String file;
    private final String field;

    public ProfileException(String file, String field, String message) {
        super(file + ": " + field + ": " + message);
        this.file = file;
        this.field = field;
    }

    public ProfileException(String file, String field, String message, Throwable cause) {
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
