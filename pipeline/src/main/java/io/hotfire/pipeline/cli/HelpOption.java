package io.hotfire.pipeline.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} of every command: prints its usage and exits 0. */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;
}
