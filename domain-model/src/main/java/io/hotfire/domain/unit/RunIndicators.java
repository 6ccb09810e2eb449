package io.hotfire.domain.unit;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.PhaseConfig;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The end-of-run numbers of one run: the life it used ({@link RunUsage}) and its health indicators
 * at matched operating points ({@link IndicatorValue}). Pure functions over the run's frames.
 */
public final class RunIndicators {

    /** A level change smaller than this (percent per sample) counts as holding the level. */
    static final double LEVEL_EPSILON = 0.05;

    private RunIndicators() {
    }

    /** Hot-fire starts and seconds: each stretch of the firing channel above its threshold long enough is a start. */
    public static RunUsage usage(EngineProfile profile, UnitsSpec spec, List<Frame> frames) {
        int ch = profile.indexOf(spec.firing().channel());
        double dt = profile.samplePeriod();
        int starts = 0;
        double seconds = 0;
        Double from = null;
        double last = 0;
        for (Frame f : frames) {
            double v = f.values()[ch];
            if (Double.isNaN(v)) {
                continue; // a missing reading keeps the state it had
            }
            boolean firing = v > spec.firing().above();
            if (firing && from == null) {
                from = f.t();
            } else if (!firing && from != null) {
                double len = last - from + dt;
                if (len >= spec.firing().minSeconds()) {
                    starts++;
                    seconds += len;
                }
                from = null;
            }
            last = f.t();
        }
        if (from != null) {
            double len = last - from + dt;
            if (len >= spec.firing().minSeconds()) {
                starts++;
                seconds += len;
            }
        }
        return new RunUsage(starts, seconds);
    }

    /**
     * Every indicator of the spec, in its order.
     *
     * @param disqualified sensors the run's diagnosis disqualified: an indicator reading one is missing
     */
    public static List<IndicatorValue> compute(EngineProfile profile, UnitsSpec spec, List<Frame> frames, Set<String> disqualified) {
        List<IndicatorValue> out = new ArrayList<>();
        for (UnitsSpec.IndicatorSpec ind : spec.indicators()) {
            out.add(compute(profile, ind, frames, disqualified));
        }
        return out;
    }

    static IndicatorValue compute(EngineProfile profile, UnitsSpec.IndicatorSpec ind, List<Frame> frames, Set<String> disqualified) {
        List<String> bad = ind.expr().variables().stream().filter(disqualified::contains).toList();
        if (!bad.isEmpty()) {
            return IndicatorValue.missing(ind.id(), "sensor " + String.join(", ", bad) + " disqualified by the run's diagnosis");
        }
        if (frames.isEmpty()) {
            return IndicatorValue.missing(ind.id(), "the run has no frames");
        }
        PhaseConfig phase = profile.phase();
        int running = profile.indexOf(phase.runningChannel());
        int throttle = profile.indexOf(profile.throttleChannel());
        double toPercent = 100.0 / profile.throttleScale();
        int[] vars = ind.expr().variables().stream().mapToInt(profile::indexOf).toArray();
        List<String> names = ind.expr().variables();
        double dt = profile.samplePeriod();
        Double runStart = null;
        double lastMove = Double.NEGATIVE_INFINITY;
        double prevLevel = Double.NaN;
        double sum = 0;
        int n = 0;
        int unreadable = 0;
        double fromT = 0;
        double toT = 0;
        for (Frame f : frames) {
            double[] v = f.values();
            boolean on = v[running] > phase.runningAbove();
            if (!on) {
                runStart = null;
                prevLevel = Double.NaN;
                continue;
            }
            if (runStart == null) {
                runStart = f.t();
            }
            double level = v[throttle] * toPercent;
            if (Double.isNaN(prevLevel) || Math.abs(level - prevLevel) > LEVEL_EPSILON) {
                lastMove = f.t();
            }
            prevLevel = level;
            boolean matched = f.t() - runStart >= phase.mainstageAfterSeconds()
                    && Math.abs(level - ind.level()) <= ind.tolerance()
                    && f.t() - lastMove >= ind.settleSeconds();
            if (!matched) {
                continue;
            }
            double x = ind.expr().evaluate(name -> v[vars[names.indexOf(name)]]);
            if (!Double.isFinite(x)) {
                unreadable++;
                continue;
            }
            if (n == 0) {
                fromT = f.t();
            }
            toT = f.t();
            sum += x;
            n++;
        }
        double seconds = n * dt;
        if (seconds < ind.minSeconds()) {
            String at = fmt(ind.level()) + " ± " + fmt(ind.tolerance()) + " % power, " + fmt(ind.settleSeconds()) + " s settled";
            String reason = n == 0 && unreadable == 0
                    ? "no matched operating point: the run never held " + at + " in mainstage"
                    : "no matched operating point: " + fmt(seconds) + " s usable at " + at + ", " + fmt(ind.minSeconds()) + " s needed"
                            + (unreadable > 0 ? " (" + unreadable + " samples without a reading)" : "");
            return IndicatorValue.missing(ind.id(), reason);
        }
        return IndicatorValue.of(ind.id(), sum / n, n, fromT, toT);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
