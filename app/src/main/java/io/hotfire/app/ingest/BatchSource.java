package io.hotfire.app.ingest;

import io.hotfire.app.security.Actor;

/**
 * Where a telemetry batch came from, for its audit record.
 *
 * @param format     {@code json} or {@code csv}
 * @param bodyBytes  request body length
 * @param bodySha256 SHA-256 of the request body as received (hex), so a sender can prove what it sent
 * @param actor      who sent it, named by the batch's audit record; null = the current request's actor.
 *                   Set it whenever the batch is ingested away from its request (the group committer's
 *                   thread, the Kafka consumer), where the current actor would be {@code system:hotfire}.
 */
public record BatchSource(String format, long bodyBytes, String bodySha256, Actor actor) {

    /** A batch ingested on its request's own thread: the audit record names the current actor. */
    public BatchSource(String format, long bodyBytes, String bodySha256) {
        this(format, bodyBytes, bodySha256, null);
    }
}
