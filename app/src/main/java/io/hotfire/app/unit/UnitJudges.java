package io.hotfire.app.unit;

import io.hotfire.app.domain.Engines;
import io.hotfire.pipeline.unit.UnitJudge;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each engine domain's {@link UnitJudge} (units.yaml and trend rules), compiled on first use. */
@ApplicationScoped
public class UnitJudges {

    private final Engines engines;
    private final Map<String, Optional<UnitJudge>> judges = new ConcurrentHashMap<>();

    public UnitJudges(Engines engines) {
        this.engines = engines;
    }

    /** The engine's judge, or empty when its domain declares no units.yaml. */
    public Optional<UnitJudge> of(String engine) {
        return judges.computeIfAbsent(engine, id -> UnitJudge.load(engines.domain(id)));
    }
}
