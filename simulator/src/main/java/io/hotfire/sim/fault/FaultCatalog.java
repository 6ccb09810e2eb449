package io.hotfire.sim.fault;

import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.twin.TwinConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The component faults the twin can inject, read from {@code <domain>/twin/faults.yaml}. */
public final class FaultCatalog {

    private final Map<String, CatalogFault> faults;

    private FaultCatalog(Map<String, CatalogFault> faults) {
        this.faults = faults;
    }

    public static FaultCatalog load(Path file, TwinConfig twin) {
        return from(DataNode.read(file, SimDataException::new), twin);
    }

    public static FaultCatalog from(DataNode root, TwinConfig twin) {
        root.allowOnly("faults");
        Map<String, CatalogFault> map = new LinkedHashMap<>();
        for (Map.Entry<String, DataNode> e : root.get("faults").fields().entrySet()) {
            String code = e.getKey();
            DataNode f = e.getValue().allowOnly("name", "source", "ramp", "plant", "channels", "valve", "valves");
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                throw f.error("fault codes are UPPER_SNAKE, got '" + code + "'");
            }
            if (code.startsWith("SENSOR_")) {
                throw f.error("SENSOR_* codes are the generic sensor-fault kinds, not catalogue entries");
            }
            double ramp = f.number("ramp", 0.0);
            if (ramp < 0) {
                throw f.error("ramp", "must be ≥ 0, got " + ramp);
            }
            map.put(code, new CatalogFault(code, f.text("name", code), f.text("source", ""), ramp,
                    Signature.parse(f, twin)));
        }
        if (map.isEmpty()) {
            throw root.error("faults", "must list at least one fault");
        }
        return new FaultCatalog(map);
    }

    public Optional<CatalogFault> fault(String code) {
        return Optional.ofNullable(faults.get(code));
    }

    /** Codes in file order. */
    public List<String> codes() {
        return new ArrayList<>(faults.keySet());
    }
}
