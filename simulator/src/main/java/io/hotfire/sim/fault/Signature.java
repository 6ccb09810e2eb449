package io.hotfire.sim.fault;

import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.twin.TwinConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fault's effect at full severity: disturbances of the reduced-order plant (which the Pc
 * controller answers), direct deviations of single channels, and for a valve fault how the valve
 * slows down. Catalogue faults and novel faults are described the same way.
 *
 * @param turbinePower  relative change of turbine power at constant GG valve opening
 * @param pumpLoad      relative change of pump power demand at constant speed
 * @param loxToChamber  relative change of the LOX that reaches the chamber (leak after the flowmeter < 0)
 * @param fuelToChamber relative change of the fuel that reaches the chamber
 * @param channels      sensor id or quantity (PC, TIT) -> deviation
 * @param valve         valve slowing for VALVE_SLOW-like faults, or null
 * @param valves        valves a valve fault may hit (empty when {@code valve} is null)
 */
public record Signature(double turbinePower, double pumpLoad, double loxToChamber, double fuelToChamber,
        Map<String, Deviation> channels, ValveSlowing valve, List<String> valves) {

    public Signature {
        channels = Map.copyOf(channels);
        valves = List.copyOf(valves);
    }

    public boolean hasPlantTerms() {
        return turbinePower != 0 || pumpLoad != 0 || loxToChamber != 0 || fuelToChamber != 0;
    }

    /**
     * Reads {@code plant}, {@code channels}, {@code valve} and {@code valves} from a mapping that may
     * hold other fields too (the caller checks those).
     */
    public static Signature parse(DataNode node, TwinConfig twin) {
        double tp = 0;
        double pl = 0;
        double lox = 0;
        double fuel = 0;
        if (node.has("plant")) {
            DataNode p = node.get("plant").allowOnly("turbinePower", "pumpLoad", "loxToChamber", "fuelToChamber");
            tp = bounded(p, "turbinePower");
            pl = bounded(p, "pumpLoad");
            lox = bounded(p, "loxToChamber");
            fuel = bounded(p, "fuelToChamber");
        }
        Map<String, Deviation> channels = new LinkedHashMap<>();
        if (node.has("channels")) {
            DataNode c = node.get("channels");
            for (Map.Entry<String, DataNode> e : c.fields().entrySet()) {
                if (twin.sensorsOf(e.getKey()).length == 0) {
                    throw c.error(e.getKey(), "not a sensor of profile " + twin.profile().id()
                            + " nor one of " + List.of(TwinConfig.Quantity.values()));
                }
                channels.put(e.getKey(), Deviation.parse(e.getValue()));
            }
        }
        ValveSlowing valve = null;
        List<String> valves = List.of();
        if (node.has("valve")) {
            DataNode v = node.get("valve").allowOnly("rateFactor", "lagS");
            double rf = v.number("rateFactor");
            if (rf <= 0 || rf > 1) {
                throw v.error("rateFactor", "must lie in (0, 1], got " + rf);
            }
            double lag = v.number("lagS", 0.0);
            if (lag < 0) {
                throw v.error("lagS", "must be ≥ 0, got " + lag);
            }
            valve = new ValveSlowing(rf, lag);
            valves = node.has("valves") ? node.get("valves").texts()
                    : twin.valves().stream().map(TwinConfig.Valve::id).toList();
            for (String id : valves) {
                if (twin.valves().stream().noneMatch(tv -> tv.id().equals(id))) {
                    throw node.error("valves", "unknown valve '" + id + "'; known: "
                            + twin.valves().stream().map(TwinConfig.Valve::id).toList());
                }
            }
        } else if (node.has("valves")) {
            throw node.error("valves", "only makes sense with valve");
        }
        if (tp == 0 && pl == 0 && lox == 0 && fuel == 0 && channels.isEmpty() && valve == null) {
            throw node.error("gives no effect: set plant, channels or valve");
        }
        return new Signature(tp, pl, lox, fuel, channels, valve, valves);
    }

    private static double bounded(DataNode p, String name) {
        double d = p.number(name, 0.0);
        if (d <= -0.9 || d > 2) {
            throw p.error(name, "must lie in (-0.9, 2], got " + d);
        }
        return d;
    }
}
