package io.hotfire.llm.vocabulary;

import io.hotfire.domain.DataFileException;

/** A vocabulary file that cannot be used; the message names the file, the field and the value. */
public class VocabularyException extends DataFileException {

    /** At {@code line} of the file (0: none); how {@link io.hotfire.domain.data.DataNode} raises it. */
    public VocabularyException(String file, int line, String field, String message) {
        super(file, line, field, message, null);
    }

    public VocabularyException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public VocabularyException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
