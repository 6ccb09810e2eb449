package io.hotfire.sim.datafile;

import io.hotfire.domain.DataFileException;

/**
 * A twin data file, fault catalogue or scenario file that cannot be used. The message names the
 * file, the field path (e.g. {@code faults[1].onset}) and what is wrong with it.
 */
public class SimDataException extends DataFileException {

    public SimDataException(String file, String field, String message) {
        super(file, field, message, null);
    }

    public SimDataException(String file, String field, String message, Throwable cause) {
        super(file, field, message, cause);
    }
}
