package io.hotfire.rules.engine;

import io.hotfire.domain.feature.Deviation;
import io.hotfire.domain.feature.LimitBreach;
import io.hotfire.domain.feature.PairCheck;
import io.hotfire.domain.feature.TrackingCheck;
import io.hotfire.rules.fact.Disqualified;
import io.hotfire.rules.fact.SensorFault;
import java.util.LinkedHashMap;
import java.util.Map;

/** One evidence fact as the flat record a finding carries: sensor, feature, value, expected, time. */
final class Evidence {

    private Evidence() {
    }

    /** An accepted observation that corroborates a finding, with the rule that linked them. */
    static Map<String, Object> of(io.hotfire.domain.observation.ObservationFact o, String rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observation", o.id());
        m.put("code", o.code());
        m.put("present", o.present());
        m.put("time", o.time());
        m.put("component", o.component());
        m.put("sensor", o.sensor());
        m.put("confidence", o.confidence());
        m.put("quote", o.quote());
        m.put("rule", rule);
        return m;
    }

    static Map<String, Object> of(Object o, double t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o instanceof Deviation d) {
            m.put("sensor", d.channel());
            m.put("feature", d.fast() != io.hotfire.domain.feature.Direction.NONE ? "slope" : "mean");
            m.put("value", d.fast() != io.hotfire.domain.feature.Direction.NONE ? d.slope() : d.value());
            m.put("expected", d.expected());
            m.put("band", d.band());
            m.put("direction", d.direction().name());
            m.put("windows", d.windows());
        } else if (o instanceof LimitBreach b) {
            m.put("sensor", b.sensor());
            m.put("feature", b.level() + "_" + b.side());
            m.put("value", b.peak());
            m.put("limit", b.limit());
            m.put("samples", b.maxConsecutive());
        } else if (o instanceof TrackingCheck c) {
            m.put("sensor", c.position());
            m.put("feature", "|POS-CMD|");
            m.put("value", c.maxError());
            m.put("seconds", c.warnSeconds());
        } else if (o instanceof PairCheck p) {
            m.put("sensor", p.a() + "/" + p.b());
            m.put("feature", "difference");
            m.put("value", p.difference());
            m.put("limit", p.allowed());
        } else if (o instanceof Disqualified d) {
            m.put("sensor", d.sensor());
            m.put("feature", "disqualified");
            m.put("value", d.code());
        } else if (o instanceof SensorFault f) {
            m.put("sensor", f.sensor());
            m.put("feature", f.code());
            m.put("value", f.value());
        } else if (o instanceof io.hotfire.rules.fact.GateFact g) {
            m.put("sensor", null);
            m.put("feature", "ood-gate");
            m.put("value", g.pValue());
            m.put("topFeatures", g.topFeatures());
            m.put("model", g.model());
        } else {
            m.put("fact", String.valueOf(o));
        }
        m.put("t", t);
        return m;
    }
}
