package io.hotfire.learned.data;

import io.hotfire.domain.DataFileException;

/**
 * Bad input to the learned parts — a feature spec, a labels file, a model file — named by file,
 * line and field, e.g. {@code learned.yaml:12: gate.alpha: must lie in (0, 0.5), got 0.7}. In a
 * package of its own, below every other package of the module, which all raise it.
 */
public class LearnedDataException extends DataFileException {

    /** At {@code line} of the file (0: none); how {@link io.hotfire.domain.data.DataNode} raises it. */
    public LearnedDataException(String file, int line, String field, String message) {
        super(file, line, field, message, null);
    }

    public LearnedDataException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public LearnedDataException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
