package io.hotfire.app.ingest;

/** The group committer cannot take the batch now; nothing of it was stored. Answered 503 with Retry-After. */
public class IngestBusyException extends RuntimeException {

    private final int retryAfterSeconds;

    public IngestBusyException(String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
