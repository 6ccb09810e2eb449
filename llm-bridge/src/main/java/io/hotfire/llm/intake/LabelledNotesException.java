package io.hotfire.llm.intake;

import io.hotfire.domain.DataFileException;

/** A labelled-notes file that cannot be used; the message names the file, the field and the value. */
public class LabelledNotesException extends DataFileException {

    /** At {@code line} of the file (0: none); how {@link io.hotfire.domain.data.DataNode} raises it. */
    public LabelledNotesException(String file, int line, String field, String message) {
        super(file, line, field, message, null);
    }

    public LabelledNotesException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
