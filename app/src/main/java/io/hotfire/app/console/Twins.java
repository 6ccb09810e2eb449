package io.hotfire.app.console;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.domain.Engines;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.twin.TwinDomain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The digital twins of the engine domains that have one ({@code twin/} beside the profile), loaded once each. */
@ApplicationScoped
public class Twins {

    @Inject
    HotfireConfig config;

    @Inject
    Engines engines;

    private final Map<String, TwinDomain> twins = new ConcurrentHashMap<>();

    /**
     * The engine's twin, or empty for a domain without a {@code twin/} folder.
     *
     * @throws SimDataException when the twin data is malformed (the message names the file)
     */
    public Optional<TwinDomain> of(String engine) {
        if (!twins.containsKey(engine) && !Files.isDirectory(engines.folder(engine).resolve(TwinDomain.TWIN_FOLDER))) {
            return Optional.empty();
        }
        return Optional.of(twins.computeIfAbsent(engine, e -> TwinDomain.load(config.domains().dir(), e)));
    }
}
