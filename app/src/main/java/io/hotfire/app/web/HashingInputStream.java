package io.hotfire.app.web;

import io.hotfire.domain.Hashing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Counts and SHA-256-hashes the bytes read through it (a request body, for the audit record of a batch). */
public final class HashingInputStream extends FilterInputStream {

    private final MessageDigest sha;
    private long count;

    public HashingInputStream(InputStream in) {
        super(in);
        sha = Hashing.sha256();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            sha.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            sha.update(buf, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** Lower-case hex SHA-256 of the bytes read so far (call once, after reading). */
    public String sha256() {
        return Hashing.hex(sha);
    }
}
