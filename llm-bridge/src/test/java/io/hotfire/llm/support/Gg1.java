package io.hotfire.llm.support;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.ProfileLoader;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.llm.intake.OfflineIntake;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The shipped GG-1 domain as the tests see it; the offline model is loaded once per JVM. */
public final class Gg1 {

    /** The component-fault codes of shared FAULTS.md plus the sensor-fault codes. */
    public static final List<String> CATALOGUE = List.of(
            "LOX_PUMP_CAVITATION", "FUEL_PUMP_CAVITATION", "TP_BEARING_WEAR", "TP_ROTOR_IMBALANCE", "TP_ROTOR_WHIRL",
            "TURBINE_EFFICIENCY_LOSS", "REGEN_JACKET_LEAK", "FUEL_INJECTOR_BLOCKAGE", "OX_INJECTOR_BLOCKAGE",
            "GG_FUEL_STARVATION", "COMBUSTION_INSTABILITY", "LOX_LINE_LEAK", "VALVE_SLOW",
            "SENSOR_DRIFT", "SENSOR_BIAS", "SENSOR_FROZEN", "SENSOR_DEAD", "SENSOR_SPIKE");

    private static volatile OfflineIntake offline;

    private Gg1() {
    }

    public static Path folder() {
        return DomainCatalog.defaultRoot().resolve("gg1");
    }

    public static EngineProfile profile() {
        return ProfileLoader.load(folder().resolve("profile.yaml"));
    }

    public static Set<String> sensorIds() {
        return profile().sensors().stream().map(SensorSpec::id).collect(Collectors.toUnmodifiableSet());
    }

    public static Vocabulary vocabulary() {
        return new VocabularyLoader(Set.copyOf(CATALOGUE), sensorIds()).loadFromDomain(folder());
    }

    private static volatile io.hotfire.llm.claim.ClaimLanguage claims;
    private static volatile java.util.Map<String, String> units;

    /** The shipped claims.yaml, read once. */
    public static io.hotfire.llm.claim.ClaimLanguage claimLanguage() {
        if (claims == null) {
            claims = io.hotfire.llm.claim.ClaimLanguageLoader.loadFromDomain(folder(), "gg1");
        }
        return claims;
    }

    /** The profile's units per sensor id, read once. */
    public static java.util.Map<String, String> sensorUnits() {
        if (units == null) {
            units = io.hotfire.llm.claim.ClaimLanguageLoader.sensorUnits(profile());
        }
        return units;
    }

    private static volatile OfflineIntake learned;

    /**
     * What the app runs: the matcher with the clause classifier trained on every labelled note of
     * {@code domains/gg1/intake/} ({@code LabelledNotesLoader}); built once per JVM.
     */
    public static OfflineIntake learned() {
        OfflineIntake o = learned;
        if (o == null) {
            synchronized (Gg1.class) {
                o = learned;
                if (o == null) {
                    OfflineIntake base = offline();
                    o = base.learnFrom(io.hotfire.llm.intake.LabelledNotesLoader.loadFromDomain(folder(), base.vocabulary()));
                    learned = o;
                }
            }
        }
        return o;
    }

    public static OfflineIntake offline() {
        OfflineIntake o = offline;
        if (o == null) {
            synchronized (Gg1.class) {
                o = offline;
                if (o == null) {
                    o = OfflineIntake.withBundledModel(vocabulary(), sensorIds());
                    offline = o;
                }
            }
        }
        return o;
    }
}
