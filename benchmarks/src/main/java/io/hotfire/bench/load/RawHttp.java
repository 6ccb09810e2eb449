package io.hotfire.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A light HTTP/1.1 client for the live senders ({@code -Dclient=raw}): one kept-alive socket per sender
 * thread, the request written in one piece, the response read by its Content-Length (or chunks).
 *
 * <p>Why: the load generator shares the server's two cores. The JDK's {@code java.net.http} client hands
 * every exchange between the caller, its selector thread and an executor, and cost ~0.25 core for the
 * 1000 requests/s of the latency phase (a quarter of what the server used, /proc, 4 Dec 2026). On a
 * test stand the senders are other machines; this client takes less of the server's CPU, so its
 * figures are closer to that. Both clients' figures are reported (docs/benchmarks.md).
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String head;

    RawHttp(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        head = "Host: 127.0.0.1:" + port + "\r\nAuthorization: " + ServerHttp.INGEST + "\r\nContent-Type: application/json\r\n";
    }

    /** POSTs {@code body} to {@code path} and returns the response body; fails naming the path when the status is not 200. */
    String post(String path, byte[] body) {
        try {
            byte[] h = ("POST " + path + " HTTP/1.1\r\n" + head + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] req = new byte[h.length + body.length];
            System.arraycopy(h, 0, req, 0, h.length);
            System.arraycopy(body, 0, req, h.length, body.length);
            out.write(req);
            out.flush();
            return response(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String response(String path) throws IOException {
        String status = line();
        int code = status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : -1;
        long length = -1;
        boolean chunked = false;
        for (String l = line(); !l.isEmpty(); l = line()) {
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(l.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int n = Integer.parseInt(line().trim(), 16); n > 0; n = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(n));
                line();
            }
            line();
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            throw new IOException(path + ": a response without Content-Length or chunks");
        }
        String text = body.toString(StandardCharsets.UTF_8);
        if (code != 200) {
            throw new IllegalStateException(path + " -> " + status + ": " + text);
        }
        return text;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
