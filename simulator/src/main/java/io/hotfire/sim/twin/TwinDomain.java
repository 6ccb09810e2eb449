package io.hotfire.sim.twin;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.fault.FaultCatalog;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A domain the twin can simulate: its engine profile plus {@code twin/twin.yaml} and
 * {@code twin/faults.yaml} beside it, and the engine family of {@code twin/family.yaml} when declared.
 */
public record TwinDomain(Path folder, EngineProfile profile, TwinConfig config, FaultCatalog catalog) {

    public static final String TWIN_FOLDER = "twin";

    /** Loads engine {@code engineId} from a domains folder (see {@link DomainCatalog}). */
    public static TwinDomain load(Path domainsRoot, String engineId) {
        DomainCatalog.Domain d = DomainCatalog.load(domainsRoot).require(engineId);
        Path twinDir = d.folder().resolve(TWIN_FOLDER);
        Path twinFile = twinDir.resolve("twin.yaml");
        Path faultsFile = twinDir.resolve("faults.yaml");
        for (Path f : new Path[] {twinFile, faultsFile}) {
            if (!Files.isRegularFile(f)) {
                throw new SimDataException(f.toString(), "(file)", "missing: engine " + engineId + " has no digital twin data");
            }
        }
        TwinConfig cfg = TwinConfig.load(twinFile, d.profile()).withFamily(TwinFamily.load(twinDir, d.profile()));
        return new TwinDomain(d.folder(), d.profile(), cfg, FaultCatalog.load(faultsFile, cfg));
    }

    public EngineTwin twin() {
        return new EngineTwin(config);
    }
}
