package io.hotfire.sim.datafile;

/**
 * A twin data file, fault catalogue or scenario file that cannot be used. The message names the
 * file, the field path (e.g. {@code faults[1].onset}) and what is wrong with it.
 */
public class SimDataException extends RuntimeException {

    private final String file;
    private final String field;

    public SimDataException(String file, String field, String message) {
        super(file + ": " + field + ": " + message);
        this.file = file;
        this.field = field;
    }

    public SimDataException(String file, String field, String message, Throwable cause) {
        super(file + ": " + field + ": " + message, cause);
        this.file = file;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }
}
