package io.hotfire.app.console;

import io.hotfire.app.domain.Engines;
import io.hotfire.domain.DataFileException;
import io.hotfire.domain.data.DataNode;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Limits;
import io.hotfire.domain.profile.SensorSpec;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console shows first for each engine, from the optional {@code console.yaml} in the engine's domain
 * folder ({@code charts: [SENSOR, ...]}: the sensors charted when a run is opened). Without that file the
 * console charts the first four sensors that have a redline, in profile order. Checked at start-up like the
 * profile: an unknown key or sensor stops the server with the file named.
 */
@Startup
@ApplicationScoped
public class ConsoleDefaults {

    static final String FILE = "console.yaml";
    private static final int FALLBACK_CHARTS = 4;

    @Inject
    Engines engines;

    private final Map<String, List<String>> charts = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        for (String id : engines.ids()) {
            charts.put(id, read(engines.folder(id).resolve(FILE), engines.engine(id).profile()));
        }
    }

    /** The sensors charted first when a run of this engine is opened. */
    public List<String> charts(String engine) {
        return charts.getOrDefault(engine, List.of());
    }

    /** Read with domain-model's data reader: a mistake is an {@link IllegalArgumentException} reading {@code file:line: field: ...}. */
    static List<String> read(Path file, EngineProfile profile) {
        if (!Files.isRegularFile(file)) {
            return fallback(profile);
        }
        try {
            DataNode root = DataNode.read(file, DataNode.PLAIN).allowOnly("charts");
            DataNode list = root.field("charts");
            if (!list.isList() || list.json().isEmpty()) {
                throw list.error("must be a non-empty list of sensor ids, got " + list.show());
            }
            List<String> out = new ArrayList<>();
            for (DataNode n : list.elements()) {
                String id = n.json().asText();
                if (!n.isText() || profile.sensor(id).isEmpty()) {
                    throw n.error("'" + id + "' is not a sensor of engine " + profile.id() + " (known: " + profile.sensorIds() + ")");
                }
                out.add(id);
            }
            return List.copyOf(out);
        } catch (DataFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<String> fallback(EngineProfile profile) {
        List<String> out = new ArrayList<>();
        for (SensorSpec s : profile.sensors()) {
            Limits l = s.limits();
            if (l != null && (l.redLow() != null || l.redHigh() != null) && out.size() < FALLBACK_CHARTS) {
                out.add(s.id());
            }
        }
        for (SensorSpec s : profile.sensors()) {
            if (out.size() < FALLBACK_CHARTS && !out.contains(s.id())) {
                out.add(s.id());
            }
        }
        return List.copyOf(out);
    }
}
