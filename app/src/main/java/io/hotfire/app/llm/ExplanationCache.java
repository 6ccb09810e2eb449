package io.hotfire.app.llm;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * LLM explanations already paid for, per run, finding (or the whole run) and model. The key holds
 * the run's event count and newest event id when the explanation was written, so a new event makes
 * a new key (the old entry is never served again and ages out). Only LLM explanations are kept:
 * a template answer (LLM off, slow or refused) is cheap, and the next request may reach the model.
 * Bounded, least recently used first out.
 */
@ApplicationScoped
public class ExplanationCache {

    /** Explanations kept at most. */
    static final int MAX_ENTRIES = 512;

    /** What an explanation was written about. */
    public record Key(UUID run, Long finding, String model, int eventCount, long lastEventId) {
    }

    private final Map<Key, ExplanationView> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ExplanationView> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public synchronized ExplanationView get(Key key) {
        return entries.get(key);
    }

    public synchronized void put(Key key, ExplanationView view) {
        entries.keySet().removeIf(k -> k.run().equals(key.run()) && java.util.Objects.equals(k.finding(), key.finding())
                && k.model().equals(key.model()));
        entries.put(key, view);
    }
}
