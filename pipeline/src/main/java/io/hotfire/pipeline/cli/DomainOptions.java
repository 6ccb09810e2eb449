package io.hotfire.pipeline.cli;

import io.hotfire.domain.profile.DomainCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --engine ID --domains DIR}: which domain of which domains folder a command works on (public for the
 * app's own commands, which mix it in too).
 */
public final class DomainOptions {

    @Option(names = "--engine", paramLabel = "ID", defaultValue = "gg1", description = "engine profile (domain id), default ${DEFAULT-VALUE}")
    String engine;

    /** The engine's id ({@code --engine}). */
    public String engine() {
        return engine;
    }

    @Mixin
    DomainsOption folder = new DomainsOption();

    Path root() {
        return folder.root();
    }

    DomainCatalog catalog() {
        return folder.catalog();
    }

    /** The domain of {@code --engine} in the domains folder; {@link IllegalArgumentException} naming it when there is none. */
    public DomainCatalog.Domain domain() {
        return catalog().require(engine);
    }

    /** The same engine's domain in another domains folder (a candidate rule set, say). */
    DomainCatalog.Domain domainIn(Path root) {
        return DomainCatalog.load(root).require(engine);
    }
}
