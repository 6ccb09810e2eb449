package io.hotfire.sim.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleStep;
import io.hotfire.sim.scenario.ValveStep;
import io.hotfire.sim.twin.Redline;
import io.hotfire.sim.twin.SimulatedRun;
import java.util.List;

/**
 * One line of {@code labels.jsonl}: the ground truth of a run (format in simulator/README.md,
 * "Labels"). Fields are written in a fixed order so the same run gives the same bytes.
 */
public final class RunLabel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunLabel() {
    }

    /**
     * @param run          the simulated run
     * @param runId        e.g. {@code test-0007}
     * @param file         CSV path relative to the labels file, '/'-separated
     * @param split        train, calibration, test or single
     * @param engine       profile id
     * @param knobs        distribution-shift knobs (empty = in-distribution)
     */
    public static ObjectNode of(SimulatedRun run, String runId, String file, String split, String engine, List<String> knobs) {
        Scenario sc = run.scenario();
        ObjectNode o = JSON.createObjectNode();
        o.put("run", runId);
        o.put("file", file);
        o.put("split", split);
        o.put("distribution", knobs.isEmpty() ? "in" : "ood");
        o.put("engine", engine);
        o.put("scenario", sc.name());
        ArrayNode faults = o.putArray("faults");
        for (FaultSpec f : run.faults()) {
            ObjectNode fo = faults.addObject();
            fo.put("code", f.code());
            putText(fo, "sensor", f.sensor());
            putText(fo, "valve", f.valve());
            fo.put("onset", r3(f.onsetS()));
            fo.put("ramp", r3(f.rampS()));
            fo.put("severity", r3(f.severity()));
            fo.put("novel", f.novel());
            if (f.isSensorFault()) {
                fo.put("sign", f.sign());
                putText(fo, "mode", f.deadMode());
            }
        }
        ObjectNode shift = o.putObject("shift");
        ArrayNode k = shift.putArray("knobs");
        knobs.forEach(k::add);
        Conditions c = sc.conditions();
        putNumber(shift, "loxInletK", c.loxInletK());
        putNumber(shift, "fuelInletK", c.fuelInletK());
        ObjectNode unit = shift.putObject("unit");
        unit.put("pc", r3(c.unitPc()));
        unit.put("speed", r3(c.unitSpeed()));
        unit.put("thrust", r3(c.unitThrust()));
        ObjectNode channels = unit.putObject("sensors");
        c.sensorOffsets().forEach((id, v) -> channels.put(id, Math.round(v * 1e4) / 1e4));
        shift.put("noiseScale", r3(c.noiseScale()));
        ObjectNode th = o.putObject("throttle");
        th.put("initial", r3(sc.throttle().initialPercent()));
        th.put("min", r3(sc.throttle().minPercent()));
        th.put("max", r3(sc.throttle().maxPercent()));
        th.put("ratePerS", r3(sc.throttle().ratePerS()));
        ArrayNode steps = th.putArray("steps");
        for (ThrottleStep s : sc.throttle().steps()) {
            steps.addObject().put("at", r3(s.atS())).put("to", r3(s.toPercent()));
        }
        ArrayNode valves = o.putArray("valveSteps");
        for (ValveStep v : sc.valveSteps()) {
            valves.addObject().put("valve", v.valve()).put("at", r3(v.atS())).put("to", r3(v.toPercent())).put("holdS", r3(v.holdS()));
        }
        o.put("durationS", r3(sc.durationS()));
        o.put("shutdownT", r3(run.shutdownS()));
        Redline red = run.redline();
        o.put("redlineReached", red.reached());
        if (red.reached()) {
            o.put("redlineT", r3(red.t()));
            o.put("redlineChannel", red.channel());
        } else {
            o.putNull("redlineT");
            o.putNull("redlineChannel");
        }
        o.put("seed", run.seed());
        return o;
    }

    public static String line(ObjectNode label) {
        try {
            return JSON.writeValueAsString(label);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putText(ObjectNode o, String name, String v) {
        if (v == null) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static void putNumber(ObjectNode o, String name, Double v) {
        if (v == null) {
            o.putNull(name);
        } else {
            o.put(name, r3(v));
        }
    }

    static double r3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
