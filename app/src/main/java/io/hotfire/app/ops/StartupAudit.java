package io.hotfire.app.ops;

import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.ConfigSnapshot;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.AuthMode;
import io.hotfire.app.security.LocalUsers;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.rules.engine.RuleInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Records, when the server starts, what it starts with: its configuration (secrets masked) and the
 * rule set of every engine (version = hash over profile and DRL files, with the rule ids, and the
 * version of the learned model routing it, if any). A model loaded later is recorded the same way by
 * whoever loads it ({@code model.load}).
 */
@ApplicationScoped
public class StartupAudit {

    private static final Logger LOG = Logger.getLogger(StartupAudit.class);

    @Inject
    AuditLog audit;

    @Inject
    Engines engines;

    @Inject
    HotfireConfig config;

    @Inject
    LocalUsers localUsers;

    // No transaction around the whole method: compiling the rules and checking the development
    // passwords take seconds (minutes on a loaded machine) and must not run against the transaction
    // timeout; only the append below is transactional.
    void onStart(@Observes StartupEvent event) {
        // Engines first: compiling the rules (seconds) overlaps LocalUsers' bcrypt checks on their own thread.
        List<String> engineIds = engines.ids();
        AuthMode mode = AuthMode.parse(config.auth().mode());
        List<String> devPasswords = mode == AuthMode.LOCAL ? localUsers.withDevelopmentPasswords() : List.of();
        if (!devPasswords.isEmpty()) {
            LOG.warnf("LOCAL AUTH MODE (development): users %s still have their documented development passwords (<name>-dev); "
                    + "set hotfire.auth.local.users.<name>.password-hash before this server holds real data (app/README.md)", devPasswords);
        } else {
            LOG.infof("auth mode %s", mode.label());
        }

        List<AuditLog.Attributed> entries = new ArrayList<>();
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("authMode", mode.label());
        startup.put("dbKind", config.db().kind());
        startup.put("engines", engineIds);
        if (mode == AuthMode.LOCAL) {
            Map<String, Object> users = new LinkedHashMap<>();
            for (String name : localUsers.names()) {
                users.put(name, localUsers.user(name).orElseThrow().roles().stream().sorted().toList());
            }
            startup.put("localUsers", users);
            startup.put("localUsersWithDevelopmentPasswords", devPasswords);
        }
        startup.put("config", ConfigSnapshot.of(ConfigProvider.getConfig()));
        entries.add(new AuditLog.Attributed(Actor.SYSTEM, AuditEntry.of(AuditActions.SYSTEM_START, "server",
                "server started: auth " + mode.label() + ", database " + config.db().kind() + ", engines " + engineIds, startup)));

        for (String id : engineIds) {
            DiagnosisEngine e = engines.engine(id);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("engine", id);
            p.put("ruleSetVersion", e.ruleSetVersion());
            // The learned model routing this engine's windows, when one is wired in (null: rules only).
            p.put("modelVersion", e.modelVersion());
            p.put("domainFolder", engines.folder(id).toAbsolutePath().normalize().toString());
            p.put("sensors", e.profile().sensors().size());
            p.put("rules", e.rules().stream().map(RuleInfo::id).sorted().toList());
            entries.add(new AuditLog.Attributed(Actor.SYSTEM, AuditEntry.of(AuditActions.RULESET_LOAD, "engine/" + id,
                    "rule set " + e.ruleSetVersion() + " loaded for engine " + id + " (" + e.rules().size() + " rules)", p)));
        }
        QuarkusTransaction.requiringNew().run(() -> audit.appendAll(entries));
    }
}
