package io.hotfire.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.rules.engine.RuleCompilationException;
import io.hotfire.rules.engine.RuleInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hotfire rules}: the loaded rule set, one JSON object per rule, and its version. */
@Command(name = "rules", header = "the loaded rules and their metadata", sortOptions = false,
        description = "List the loaded rules (core + domain) with their metadata, one JSON object per line; the rule-set"
                + " version on stderr.")
final class RulesCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Mixin
    DomainOptions domain = new DomainOptions();

    private final Cli.Io std;

    RulesCommand(Cli.Io std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        try {
            DiagnosisEngine engine = DiagnosisEngine.load(domain.domain());
            ObjectMapper json = new ObjectMapper();
            std.err().println("rule set " + engine.ruleSetVersion() + ": " + engine.rules().size() + " rules");
            for (RuleInfo r : engine.rules()) {
                std.out().println(json.writeValueAsString(r));
            }
            return 0;
        } catch (ProfileException | RuleCompilationException | IllegalArgumentException e) {
            std.err().println("rules: " + e.getMessage());
            return 2;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
