package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.rules.fact.Disqualified;
import io.hotfire.rules.fact.SensorFault;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SENSOR events: a sensor disqualified, announced once and latched for the rest of the run. The
 * event names the sensor-fault rules whose evidence led to it, then the rule that disqualified.
 */
final class SensorEvents implements EventCollector {

    private static final Comparator<Disqualified> ORDER = Comparator.comparing(Disqualified::sensor)
            .thenComparing(Disqualified::code).thenComparing(d -> String.valueOf(d.detail()));

    private final Set<Disqualified> reported = new HashSet<>();

    @Override
    public List<Event> collect(WorkingMemory memory, double t) {
        List<Event> events = new ArrayList<>();
        List<SensorFault> faults = memory.facts(SensorFault.class);
        List<Disqualified> disqualified = memory.facts(Disqualified.class);
        disqualified.sort(ORDER);
        for (Disqualified d : disqualified) {
            if (!reported.add(d)) {
                continue;
            }
            memory.latch(d);
            List<String> chain = new ArrayList<>();
            for (SensorFault f : faults) {
                String rule = memory.ruleOf(f);
                if (f.sensor().equals(d.sensor()) && f.code().equals(d.code()) && rule != null) {
                    chain.add(rule);
                }
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("sensor", d.sensor());
            ev.put("detail", d.detail());
            ev.put("since", d.since());
            events.add(new Event(t, EventType.SENSOR, d.code(), Severity.WARNING, d.sensor(),
                    memory.rulesBehind(d, chain), d.sensor() + " disqualified: " + d.detail(), ev));
        }
        return events;
    }
}
