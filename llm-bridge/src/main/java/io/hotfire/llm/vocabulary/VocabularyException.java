package io.hotfire.llm.vocabulary;

import io.hotfire.domain.DataFileException;

/** A vocabulary file that cannot be used; the message names the file, the field and the value. */
public class VocabularyException extends DataFileException {

    public VocabularyException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public VocabularyException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
