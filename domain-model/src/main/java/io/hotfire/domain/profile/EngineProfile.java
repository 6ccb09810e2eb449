package io.hotfire.domain.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Hotfire knows about one kind of engine (one <em>domain</em>), loaded from data:
 * channels, limits, redundancy, derived quantities, phases and window sizes. Nothing here is GG-1
 * specific; GG-1 is one profile file.
 *
 * <br>{@code id}: short id used in runs and URLs, e.g. {@code gg1}
 * <br>{@code sourceHash}: SHA-256 of the profile file, part of the rule-set version
 * <br>{@code throttleChannel}: channel whose value / {@code throttleScale} is the power level θ, or null
 * (no throttle: θ = 1 while running)
 * <br>{@code qualifiedThrottle}: θ range (null without a throttle) the engine (and the learned parts) were qualified in
 * <br>{@code qualifiedRanges}: other qualified operating ranges per channel (e.g. inlet temperatures)
 */
public final class EngineProfile {

    private final String id;
    private final String name;
    private final String description;
    private final String sourceHash;
    private final double sampleRateHz;
    private final String throttleChannel;
    private final double throttleScale;
    private final Range qualifiedThrottle;
    private final Map<String, Range> qualifiedRanges;
    private final PhaseConfig phase;
    private final WindowConfig windows;
    private final ValidationConfig validation;
    private final List<SensorSpec> sensors;
    private final List<RedundancyPair> redundancyPairs;
    private final List<DerivedQuantity> derived;
    private final List<TrackingLimit> trackingLimits;
    private final SymptomConfig symptoms;
    private final CsvMapping csv;
    private final NominalCycle template;
    private final SignalConfig signals;
    private final Map<String, Integer> sensorIndex;

    public EngineProfile(String id,
            String name,
            String description,
            String sourceHash,
            double sampleRateHz,
            String throttleChannel,
            double throttleScale,
            Range qualifiedThrottle,
            Map<String, Range> qualifiedRanges,
            PhaseConfig phase,
            WindowConfig windows,
            ValidationConfig validation,
            List<SensorSpec> sensors,
            List<RedundancyPair> redundancyPairs,
            List<DerivedQuantity> derived,
            List<TrackingLimit> trackingLimits,
            SymptomConfig symptoms) {
        this(id, name, description, sourceHash, sampleRateHz, throttleChannel, throttleScale, qualifiedThrottle,
                qualifiedRanges, phase, windows, validation, sensors, redundancyPairs, derived, trackingLimits, symptoms,
                CsvMapping.DEFAULT, null);
    }

    /**
     * @param throttleChannel null for a machine without a power level: θ is then 1 whenever it runs
     * @param csv             how recorded CSV files map onto the sensors
     * @param template        the nominal cycle expected values follow, or null (constant nominal × θ^k)
     */
    public EngineProfile(String id,
            String name,
            String description,
            String sourceHash,
            double sampleRateHz,
            String throttleChannel,
            double throttleScale,
            Range qualifiedThrottle,
            Map<String, Range> qualifiedRanges,
            PhaseConfig phase,
            WindowConfig windows,
            ValidationConfig validation,
            List<SensorSpec> sensors,
            List<RedundancyPair> redundancyPairs,
            List<DerivedQuantity> derived,
            List<TrackingLimit> trackingLimits,
            SymptomConfig symptoms,
            CsvMapping csv,
            NominalCycle template) {
        this(id, name, description, sourceHash, sampleRateHz, throttleChannel, throttleScale, qualifiedThrottle,
                qualifiedRanges, phase, windows, validation, sensors, redundancyPairs, derived, trackingLimits, symptoms,
                csv, template, SignalConfig.NONE);
    }

    /** @param signals the signal features every window carries ({@code signals:}; {@link SignalConfig#NONE}: none) */
    public EngineProfile(String id,
            String name,
            String description,
            String sourceHash,
            double sampleRateHz,
            String throttleChannel,
            double throttleScale,
            Range qualifiedThrottle,
            Map<String, Range> qualifiedRanges,
            PhaseConfig phase,
            WindowConfig windows,
            ValidationConfig validation,
            List<SensorSpec> sensors,
            List<RedundancyPair> redundancyPairs,
            List<DerivedQuantity> derived,
            List<TrackingLimit> trackingLimits,
            SymptomConfig symptoms,
            CsvMapping csv,
            NominalCycle template,
            SignalConfig signals) {
        this.signals = signals == null ? SignalConfig.NONE : signals;
        this.id = id;
        this.name = name;
        this.description = description;
        this.sourceHash = sourceHash;
        this.sampleRateHz = sampleRateHz;
        this.throttleChannel = throttleChannel;
        this.throttleScale = throttleScale;
        this.qualifiedThrottle = qualifiedThrottle;
        this.qualifiedRanges = Map.copyOf(qualifiedRanges);
        this.phase = phase;
        this.windows = windows;
        this.validation = validation;
        this.sensors = List.copyOf(sensors);
        this.redundancyPairs = List.copyOf(redundancyPairs);
        this.derived = List.copyOf(derived);
        this.trackingLimits = List.copyOf(trackingLimits);
        this.symptoms = symptoms;
        this.csv = csv == null ? CsvMapping.DEFAULT : csv;
        this.template = template;
        Map<String, Integer> idx = new HashMap<>(this.sensors.size() * 2);
        for (int i = 0; i < this.sensors.size(); i++) {
            idx.put(this.sensors.get(i).id(), i);
        }
        this.sensorIndex = Map.copyOf(idx);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String sourceHash() {
        return sourceHash;
    }

    public double sampleRateHz() {
        return sampleRateHz;
    }

    public String throttleChannel() {
        return throttleChannel;
    }

    public double throttleScale() {
        return throttleScale;
    }

    public Range qualifiedThrottle() {
        return qualifiedThrottle;
    }

    public Map<String, Range> qualifiedRanges() {
        return qualifiedRanges;
    }

    public PhaseConfig phase() {
        return phase;
    }

    public WindowConfig windows() {
        return windows;
    }

    public ValidationConfig validation() {
        return validation;
    }

    public List<SensorSpec> sensors() {
        return sensors;
    }

    public List<RedundancyPair> redundancyPairs() {
        return redundancyPairs;
    }

    public List<DerivedQuantity> derived() {
        return derived;
    }

    public List<TrackingLimit> trackingLimits() {
        return trackingLimits;
    }

    /** How features become symptoms (bands, trends, steadiness). */
    public SymptomConfig symptoms() {
        return symptoms;
    }

    /** How recorded CSV files map onto the sensors (time column, renamed and scaled columns). */
    public CsvMapping csv() {
        return csv;
    }

    /** The nominal cycle (template) expected values follow, or null. */
    public NominalCycle template() {
        return template;
    }

    /** The signal features every window carries (the profile's {@code signals:}). */
    public SignalConfig signals() {
        return signals;
    }

    /** Whether a channel gives the power level θ (else θ = 1 while running). */
    public boolean hasThrottle() {
        return throttleChannel != null;
    }

    /** Seconds between two samples. */
    public double samplePeriod() {
        return 1.0 / sampleRateHz;
    }

    /** Index of a sensor in {@link #sensors()}, or -1. */
    public int indexOf(String sensorId) {
        Integer i = sensorIndex.get(sensorId);
        return i == null ? -1 : i;
    }

    public Optional<SensorSpec> sensor(String sensorId) {
        int i = indexOf(sensorId);
        return i < 0 ? Optional.empty() : Optional.of(sensors.get(i));
    }

    public SensorSpec requireSensor(String sensorId) {
        return sensor(sensorId).orElseThrow(() -> new IllegalArgumentException(
                "profile " + id + " has no sensor " + sensorId));
    }

    public Optional<DerivedQuantity> derivedQuantity(String derivedId) {
        return derived.stream().filter(d -> d.id().equals(derivedId)).findFirst();
    }

    /** The redundancy partner of a sensor, if it has one. */
    public Optional<String> partnerOf(String sensorId) {
        for (RedundancyPair p : redundancyPairs) {
            if (p.a().equals(sensorId)) {
                return Optional.of(p.b());
            }
            if (p.b().equals(sensorId)) {
                return Optional.of(p.a());
            }
        }
        return Optional.empty();
    }

    public List<String> sensorIds() {
        return sensors.stream().map(SensorSpec::id).toList();
    }

    @Override
    public String toString() {
        return "EngineProfile[" + id + ", " + sensors.size() + " sensors, " + sourceHash + "]";
    }
}
