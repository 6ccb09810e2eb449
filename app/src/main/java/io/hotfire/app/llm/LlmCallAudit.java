package io.hotfire.app.llm;

import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.ops.OpsMetrics;
import io.hotfire.app.security.Actor;
import io.hotfire.llm.call.LlmAuditSink;
import io.hotfire.llm.call.LlmCallRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes every LLM call to the audit log as {@code llm.call}: prompt, response, model, latency,
 * tokens and the guardrail outcome, in a transaction of its own, and its latency as
 * {@code hotfire_llm_latency_seconds{provider,outcome}} (the call runs on an LLM worker
 * thread, after or beside the request that asked for it). Never throws: a failed write is logged.
 */
@ApplicationScoped
public class LlmCallAudit {

    private static final Logger LOG = Logger.getLogger(LlmCallAudit.class);

    @Inject
    AuditLog auditLog;

    @Inject
    OpsMetrics ops;

    /** A sink for the calls made on behalf of {@code actor} about run {@code runId}. */
    public LlmAuditSink sink(Actor actor, UUID runId) {
        return call -> append(actor, runId, call);
    }

    void append(Actor actor, UUID runId, LlmCallRecord call) {
        try {
            ops.llmLatency("openai", call.outcome().name()).record(call.latency());
        } catch (RuntimeException e) {
            LOG.warnf("could not record the latency of an LLM call: %s", e);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> auditLog.append(actor, AuditEntry.of("llm.call", "run/" + runId,
                    summary(call), payload(call)).run(runId)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not audit an LLM %s call on run %s (%s)", call.purpose(), runId, call.outcome());
        }
    }

    static String summary(LlmCallRecord c) {
        return "LLM " + c.purpose().name().toLowerCase(java.util.Locale.ROOT) + " call, attempt " + c.attempt() + ": "
                + c.outcome() + " (" + c.model() + ", " + c.latency().toMillis() + " ms"
                + (c.inputTokens() == null ? "" : ", " + c.inputTokens() + "+" + c.outputTokens() + " tokens") + ")";
    }

    static Map<String, Object> payload(LlmCallRecord c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("purpose", c.purpose().name());
        p.put("attempt", c.attempt());
        p.put("model", c.model());
        p.put("startedAt", c.at().toString());
        p.put("latencyMs", c.latency().toMillis());
        p.put("inputTokens", c.inputTokens());
        p.put("outputTokens", c.outputTokens());
        p.put("outcome", c.outcome().name());
        p.put("guardrail", c.violations());
        p.put("error", c.error());
        p.put("prompt", c.prompt());
        p.put("response", c.response());
        return p;
    }
}
