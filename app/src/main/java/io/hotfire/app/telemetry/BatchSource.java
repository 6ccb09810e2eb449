package io.hotfire.app.telemetry;

/**
 * Where a telemetry batch came from, for its audit record.
 *
 * @param format     {@code json} or {@code csv}
 * @param bodyBytes  request body length
 * @param bodySha256 SHA-256 of the request body as received (hex), so a sender can prove what it sent
 */
public record BatchSource(String format, long bodyBytes, String bodySha256) {
}
