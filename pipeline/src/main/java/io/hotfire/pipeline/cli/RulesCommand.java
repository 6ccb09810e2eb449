package io.hotfire.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.rules.engine.RuleCompilationException;
import io.hotfire.rules.engine.RuleInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code hotfire rules}: the loaded rule set, one JSON object per rule, and its version. */
final class RulesCommand {

    private RulesCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse(args, Set.of("--engine", "--domains"), Set.of());
            DomainCatalog catalog = DomainCatalog.load(Path.of(o.get("--domains", DomainCatalog.defaultRoot().toString())));
            DiagnosisEngine engine = DiagnosisEngine.load(catalog.require(o.get("--engine", "gg1")));
            ObjectMapper json = new ObjectMapper();
            err.println("rule set " + engine.ruleSetVersion() + ": " + engine.rules().size() + " rules");
            for (RuleInfo r : engine.rules()) {
                out.println(json.writeValueAsString(r));
            }
            return 0;
        } catch (ProfileException | RuleCompilationException | IllegalArgumentException e) {
            err.println("rules: " + e.getMessage());
            return 2;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
