package io.hotfire.llm.support;

import io.hotfire.llm.call.LlmAuditSink;
import io.hotfire.llm.call.LlmCallRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit sink that keeps every record, as the app's audit log would. */
public final class RecordingSink implements LlmAuditSink {

    private final List<LlmCallRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void accept(LlmCallRecord record) {
        records.add(record);
    }

    public List<LlmCallRecord> records() {
        return List.copyOf(records);
    }
}
