package io.hotfire.app.web;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not exceed a byte limit: checked against Content-Length up front and
 * counted while reading (chunked bodies), so an oversized body is refused with 413 before anything
 * is stored and without buffering it.
 */
public final class BoundedBody extends FilterInputStream {

    private final long limit;
    private long count;

    private BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /**
     * @param contentLength the request's Content-Length header, or null
     * @throws ProblemException 413 when the declared length exceeds the limit, 400 when the body is absent
     */
    public static InputStream of(InputStream in, String contentLength, long limit) {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                throw tooLarge(limit);
            }
        }
        if (in == null) {
            throw empty();
        }
        return new BoundedBody(in, limit);
    }

    public static ProblemException empty() {
        return ProblemException.badRequest("empty-body", "Empty body", "the request body is empty").with("field", "body");
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(new Problem("body-too-large", "Body too large", 413,
                "the request body exceeds " + limit + " bytes (hotfire.ingest.max-body-bytes)").with("limit", limit));
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        counted(s);
        return s;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }
}
