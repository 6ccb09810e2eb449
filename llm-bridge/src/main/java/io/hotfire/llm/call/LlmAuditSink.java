package io.hotfire.llm.call;

/**
 * Receives every {@link LlmCallRecord} as soon as its outcome is known, on the thread that made
 * the call. The app appends them to its audit log; implementations must be thread-safe and
 * must not throw (an exception is caught and logged so that it never breaks a diagnosis).
 */
@FunctionalInterface
public interface LlmAuditSink {

    LlmAuditSink NONE = record -> { };

    void accept(LlmCallRecord record);
}
