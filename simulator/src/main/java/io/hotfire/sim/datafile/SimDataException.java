package io.hotfire.sim.datafile;

import io.hotfire.domain.DataFileException;

/**
 * A twin data file, fault catalogue or scenario file that cannot be used. The message names the
 * file, the field path (e.g. {@code faults[1].onset}) and what is wrong with it.
 */
public class SimDataException extends DataFileException {

    /** At {@code line} of the file (0: none); how {@link io.hotfire.domain.data.DataNode} raises it. */
    public SimDataException(String file, int line, String field, String message) {
        super(file, line, field, message, null);
    }

    public SimDataException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public SimDataException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
