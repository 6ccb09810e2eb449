package io.hotfire.app.ingest;

import io.hotfire.domain.Hashing;
import io.hotfire.domain.profile.SensorSpec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

/**
 * How a frame is laid out in a row: values as big-endian IEEE-754 doubles (8 bytes per channel,
 * NaN canonical), a dead-reading bit mask, and a 64-bit checksum of t and values that tells an
 * identical resend from a conflicting one without reading the values back.
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    public static byte[] encode(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double v : values) {
            b.putLong(Double.doubleToLongBits(v));
        }
        return b.array();
    }

    public static double[] decode(byte[] vals) {
        ByteBuffer b = ByteBuffer.wrap(vals);
        double[] values = new double[vals.length / Double.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getDouble();
        }
        return values;
    }

    /** Bit i set when channel i is dead: empty, NaN or outside its span ({@link SensorSpec#isDead}). */
    public static byte[] deadMask(double[] values, List<SensorSpec> sensors) {
        byte[] mask = new byte[(values.length + 7) / 8];
        for (int i = 0; i < values.length; i++) {
            if (sensors.get(i).isDead(values[i])) {
                mask[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        return mask;
    }

    public static boolean isDead(byte[] mask, int channel) {
        int at = channel >>> 3;
        return at < mask.length && (mask[at] & (1 << (channel & 7))) != 0;
    }

    /** First 8 bytes of SHA-256 over t and the encoded values. */
    public static long checksum(double t, byte[] vals) {
        MessageDigest sha = Hashing.sha256();
        sha.update(ByteBuffer.allocate(Double.BYTES).putLong(Double.doubleToLongBits(t)).array());
        sha.update(vals);
        return ByteBuffer.wrap(sha.digest()).getLong();
    }
}
