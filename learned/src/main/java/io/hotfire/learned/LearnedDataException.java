package io.hotfire.learned;

import io.hotfire.domain.DataFileException;

/**
 * Bad input to the learned parts — a feature spec, a labels file, a model file — named by file
 * and field, e.g. {@code learned.yaml: gate.alpha: must lie in (0, 0.5), got 0.7}.
 */
public class LearnedDataException extends DataFileException {

    public LearnedDataException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public LearnedDataException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
