package io.hotfire.domain.profile;

import io.hotfire.domain.DataFileException;

/** A profile file that cannot be used; the message names the file, the line, the field and the value. */
public class ProfileException extends DataFileException {

    /** At {@code line} of the file (0: none); how {@link io.hotfire.domain.data.DataNode} raises it. */
    public ProfileException(String file, int line, String field, String message) {
        super(file, line, field, message, null);
    }

    public ProfileException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public ProfileException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
