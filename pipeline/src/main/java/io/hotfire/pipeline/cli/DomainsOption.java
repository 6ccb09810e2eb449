package io.hotfire.pipeline.cli;

import io.hotfire.domain.profile.DomainCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --domains DIR}: which domains folder a command works on. */
final class DomainsOption {

    @Option(names = "--domains", paramLabel = "DIR", description = "domains folder (default $HOTFIRE_DOMAINS_DIR, else ./domains)")
    Path domains;

    /** The folder given, else {@code $HOTFIRE_DOMAINS_DIR}, else {@code ./domains}. */
    Path root() {
        return domains != null ? domains : DomainCatalog.defaultRoot();
    }

    DomainCatalog catalog() {
        return DomainCatalog.load(root());
    }
}
