package io.hotfire.rules.fact;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.ValidationConfig;

/** The profile's validation thresholds, as a fact, so rules compare against data, never literals. */
// Components are never named set*: Drools' field inspector takes such accessors for setters.
public record Settings(
        int redlinePersistenceSamples,
        int warningPersistenceSamples,
        double frozenSeconds,
        int spikesToDisqualify,
        int residualPersistenceWindows,
        double biasStepRatio,
        double windowSeconds,
        int symptomPersistenceWindows,
        double steadyAfterSeconds,
        int loneWindows,
        double stepSeconds,
        double unknownAnomalySeconds,
        java.util.List<String> conditionChannels) {

    public static Settings of(EngineProfile p) {
        ValidationConfig v = p.validation();
        return new Settings(v.redlinePersistenceSamples(), v.warningPersistenceSamples(), v.frozenSeconds(),
                v.spikesToDisqualify(), v.residualPersistenceWindows(), v.biasStepRatio(),
                p.windows().size() / p.sampleRateHz(), p.symptoms().persistenceWindows(), p.symptoms().settleSeconds(),
                p.symptoms().loneWindows(), p.windows().step() / p.sampleRateHz(), p.symptoms().unknownAnomalySeconds(),
                java.util.List.copyOf(new java.util.TreeSet<>(p.qualifiedRanges().keySet())));
    }
}
