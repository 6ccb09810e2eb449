package io.hotfire.llm.intake;

import io.hotfire.domain.DataFileException;

/** A labelled-notes file that cannot be used; the message names the file, the field and the value. */
public class LabelledNotesException extends DataFileException {

    public LabelledNotesException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
