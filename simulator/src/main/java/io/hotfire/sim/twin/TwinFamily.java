package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.scenario.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engine family a domain's learned parts are trained and validated for ({@code
 * <domain>/twin/family.yaml}): how far one engine unit of the family may differ from the ICD's
 * nominal engine, and the range of stand noise the domain accepts. Training and calibration runs
 * draw their unit and stand from inside it; the distribution-shift knobs lie beyond it.
 *
 * @param unitPc          tolerance of the chamber-pressure (and flow) offset at a given command, relative
 * @param unitSpeed       tolerance of the turbopump speed offset, relative
 * @param unitThrust      tolerance of the thrust offset beyond Pc, relative
 * @param sensorTolerance per measured sensor id: tolerance of its reading offset, relative
 * @param noiseMin        the quietest accepted stand, as a multiple of the profile's σ
 * @param noiseMax        the noisiest accepted stand, as a multiple of the profile's σ
 */
public record TwinFamily(double unitPc, double unitSpeed, double unitThrust, Map<String, Double> sensorTolerance,
        double noiseMin, double noiseMax) {

    public static final String FILE_NAME = "family.yaml";

    /** No family declared: the ICD's engine on the ICD's stand, nothing else. */
    public static final TwinFamily NONE = new TwinFamily(0, 0, 0, Map.of(), 1, 1);

    /** Slack for values written with 3 decimals in labels. */
    private static final double EPS = 1e-9;

    public TwinFamily {
        sensorTolerance = Map.copyOf(sensorTolerance);
    }

    /** Loads {@code twinDir/family.yaml}; {@link #NONE} when the domain declares no family. */
    public static TwinFamily load(Path twinDir, EngineProfile profile) {
        Path file = twinDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? from(DataNode.read(file, SimDataException::new), profile) : NONE;
    }

    public static TwinFamily from(DataNode root, EngineProfile profile) {
        root.allowOnly("unit", "sensors", "noise");
        DataNode u = root.get("unit").allowOnly("pc", "speed", "thrust");
        double pc = tolerance(u, "pc");
        double speed = tolerance(u, "speed");
        double thrust = tolerance(u, "thrust");
        DataNode s = root.get("sensors");
        double def = tolerance(s, "default");
        Map<String, Double> tol = new LinkedHashMap<>();
        for (SensorSpec spec : profile.sensors()) {
            if (spec.noise() > 0) {
                tol.put(spec.id(), def);
            }
        }
        for (Map.Entry<String, DataNode> e : s.fields().entrySet()) {
            if (e.getKey().equals("default")) {
                continue;
            }
            if (!tol.containsKey(e.getKey())) {
                throw s.error(e.getKey(), "not a measured sensor of profile " + profile.id()
                        + " (commands and noise-free channels carry no offset)");
            }
            tol.put(e.getKey(), tolerance(s, e.getKey()));
        }
        DataNode n = root.get("noise").allowOnly("min", "max");
        double min = n.number("min");
        double max = n.number("max");
        if (!(min > 0) || !(max >= min) || max > 10) {
            throw n.error("need 0 < min <= max <= 10 (multiples of the profile's σ), got min " + min + ", max " + max);
        }
        return new TwinFamily(pc, speed, thrust, tol, min, max);
    }

    private static double tolerance(DataNode n, String name) {
        double v = n.number(name);
        if (v < 0 || v > 0.1) {
            throw n.error(name, "a tolerance is a fraction in 0..0.1, got " + v);
        }
        return v;
    }

    /** A unit and a stand drawn uniformly inside the family, on top of {@code c} (inlet temperatures kept). */
    public Conditions sample(Conditions c, SplittableRandom rng) {
        return draw(c, rng, false);
    }

    /**
     * A unit near the edge of the family (every offset at 80–100 % of its tolerance, random sign) on
     * the noisiest accepted stand: the hardest in-family case for the gate.
     */
    public Conditions edge(Conditions c, SplittableRandom rng) {
        return draw(c, rng, true);
    }

    private Conditions draw(Conditions c, SplittableRandom rng, boolean edge) {
        double pc = c.hasUnitOffsets() ? c.unitPc() : offset(rng, unitPc, edge);
        double speed = c.hasUnitOffsets() ? c.unitSpeed() : offset(rng, unitSpeed, edge);
        double thrust = c.hasUnitOffsets() ? c.unitThrust() : offset(rng, unitThrust, edge);
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(sensorTolerance).entrySet()) {
            double v = offset(rng, e.getValue(), edge);
            if (v != 0) {
                offsets.put(e.getKey(), v);
            }
        }
        double noise = edge ? noiseMax : round3(noiseMin + (noiseMax - noiseMin) * rng.nextDouble());
        return new Conditions(c.loxInletK(), c.fuelInletK(), pc, speed, thrust, noise, offsets);
    }

    private static double offset(SplittableRandom rng, double tol, boolean edge) {
        double mag = edge ? tol * (0.8 + 0.2 * rng.nextDouble()) : tol * rng.nextDouble();
        double sign = rng.nextBoolean() ? 1 : -1;
        // Rounded towards zero to the 4 decimals the labels keep, so a drawn value never leaves the tolerance.
        return sign * Math.floor(mag * 1e4) / 1e4;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /** Whether the unit offsets (Pc, speed, thrust, every channel) lie inside the family. */
    public boolean coversUnit(Conditions c) {
        if (Math.abs(c.unitPc()) > unitPc + EPS || Math.abs(c.unitSpeed()) > unitSpeed + EPS
                || Math.abs(c.unitThrust()) > unitThrust + EPS) {
            return false;
        }
        for (Map.Entry<String, Double> e : c.sensorOffsets().entrySet()) {
            double tol = sensorTolerance.getOrDefault(e.getKey(), 0.0);
            if (Math.abs(e.getValue()) > tol + EPS) {
                return false;
            }
        }
        return true;
    }

    /** Whether the stand's noise lies inside the accepted range. */
    public boolean coversNoise(Conditions c) {
        return c.noiseScale() >= noiseMin - EPS && c.noiseScale() <= noiseMax + EPS;
    }
}
