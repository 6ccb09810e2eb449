package io.hotfire.domain.profile;

import io.hotfire.domain.DataFileException;

/** A profile file that cannot be used; the message names the file, the field and the value. */
public class ProfileException extends DataFileException {

    public ProfileException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public ProfileException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
