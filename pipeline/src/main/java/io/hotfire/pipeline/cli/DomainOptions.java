package io.hotfire.pipeline.cli;

import io.hotfire.domain.profile.DomainCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --engine ID --domains DIR}: which domain of which domains folder a command works on. */
final class DomainOptions {

    @Option(names = "--engine", paramLabel = "ID", defaultValue = "gg1", description = "engine profile (domain id), default ${DEFAULT-VALUE}")
    String engine;

    @Option(names = "--domains", paramLabel = "DIR", description = "domains folder (default $HOTFIRE_DOMAINS_DIR, else ./domains)")
    Path domains;

    Path root() {
        return domains != null ? domains : DomainCatalog.defaultRoot();
    }

    DomainCatalog catalog() {
        return DomainCatalog.load(root());
    }

    DomainCatalog.Domain domain() {
        return catalog().require(engine);
    }
}
