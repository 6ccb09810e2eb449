package io.hotfire.app.kafka;

/**
 * The Kafka telemetry message (app/README.md "Kafka ingestion"):
 * <ul>
 * <li>key: the run id (a UUID, chosen by the producer), so one run stays ordered on one partition;</li>
 * <li>value: exactly the body of {@code POST /api/v1/runs/{id}/frames}, UTF-8 JSON
 * {@code {"frames":[{"seq":0,"t":0.0,"values":{"PC_A":9.7}}]}} (one or many frames);</li>
 * <li>header {@value #ENGINE}: the engine id; required while the run does not exist yet (the first
 * message creates it), checked against the run afterwards; header {@value #TEST_ID}: optional,
 * stored with a run the message creates.</li>
 * </ul>
 * A message that can never be ingested (no run id, unknown engine, malformed JSON, a frame that
 * conflicts with a stored one) goes to the dead-letter topic with header {@value #ERROR} (the
 * problem document) and {@value #SOURCE} (topic/partition/offset), and to the audit log.
 */
public final class TelemetryMessages {

    public static final String ENGINE = "hotfire-engine";
    public static final String TEST_ID = "hotfire-test-id";
    public static final String ERROR = "hotfire-error";
    public static final String SOURCE = "hotfire-source";

    private TelemetryMessages() {
    }
}
