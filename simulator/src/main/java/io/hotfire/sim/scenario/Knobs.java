package io.hotfire.sim.scenario;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.twin.TwinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The named distribution-shift knobs (simulator/README.md, "Distribution-shift knobs"), derived
 * from what a scenario does, so a label never claims a shift the data does not have. A run with
 * no knob is in-distribution.
 */
public final class Knobs {

    public static final String DEEP_THROTTLE = "deep-throttle";
    public static final String UPRATE = "uprate";
    public static final String DENSIFIED_LOX = "densified-lox";
    public static final String WARM_LOX = "warm-lox";
    public static final String CHILLED_RP1 = "chilled-rp1";
    public static final String WARM_RP1 = "warm-rp1";
    public static final String ENGINE_UNIT = "engine-unit";
    public static final String STAND_NOISE = "stand-noise";
    public static final String FAULT_UNDER_SHIFT = "fault-under-shift";
    public static final String HELD_OUT_FAULT = "held-out-fault";
    public static final String COMPOUND_FAULT = "compound-fault";
    public static final String NOVEL_FAULT = "novel-fault";

    private Knobs() {
    }

    public static List<String> derive(Scenario sc, TwinConfig cfg, Set<String> heldOut) {
        EngineProfile p = cfg.profile();
        List<String> knobs = new ArrayList<>();
        Range q = p.qualifiedThrottle();
        double scale = p.throttleScale();
        if (sc.throttle().minPercent() < q.low() * scale - 1e-9) {
            knobs.add(DEEP_THROTTLE);
        }
        if (sc.throttle().maxPercent() > q.high() * scale + 1e-9) {
            knobs.add(UPRATE);
        }
        Conditions c = sc.conditions();
        String oxId = p.sensors().get(cfg.roles().oxInletTemperature()).id();
        String fuelId = p.sensors().get(cfg.roles().fuelInletTemperature()).id();
        if (c.loxInletK() != null && p.qualifiedRanges().containsKey(oxId)) {
            Range r = p.qualifiedRanges().get(oxId);
            if (c.loxInletK() < r.low()) {
                knobs.add(DENSIFIED_LOX);
            } else if (c.loxInletK() > r.high()) {
                knobs.add(WARM_LOX);
            }
        }
        if (c.fuelInletK() != null && p.qualifiedRanges().containsKey(fuelId)) {
            Range r = p.qualifiedRanges().get(fuelId);
            if (c.fuelInletK() < r.low()) {
                knobs.add(CHILLED_RP1);
            } else if (c.fuelInletK() > r.high()) {
                knobs.add(WARM_RP1);
            }
        }
        // A unit inside the declared family (twin/family.yaml) is in distribution; beyond it, another engine.
        if (!cfg.family().coversUnit(c)) {
            knobs.add(ENGINE_UNIT);
        }
        if (!cfg.family().coversNoise(c)) {
            knobs.add(STAND_NOISE);
        }
        if (!knobs.isEmpty() && !sc.faults().isEmpty()) {
            knobs.add(FAULT_UNDER_SHIFT);
        }
        if (sc.faults().stream().anyMatch(f -> heldOut.contains(f.code()))) {
            knobs.add(HELD_OUT_FAULT);
        }
        if (sc.faults().size() >= 2) {
            knobs.add(COMPOUND_FAULT);
        }
        if (sc.faults().stream().anyMatch(FaultSpec::novel)) {
            knobs.add(NOVEL_FAULT);
        }
        return List.copyOf(knobs);
    }
}
