package io.hotfire.app.knowledge;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The text of the files a proposal may change (profile.yaml, vocabulary.yaml, rules/*.drl) as a
 * version of a domain has them — the shipped folder with that version's replacements. The console
 * pre-fills its propose form with the active text and diffs a proposal against the version it was
 * made on. Read-only; the same roles as reading proposals.
 */
@Path("/api/v1/domains/{domain}/files")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge")
public class KnowledgeFilesResource {

    @Inject
    Engines engines;

    @Inject
    KnowledgeVersions versions;

    /** One editable file: its path in the domain folder, its text, and whether the version replaced the shipped text. */
    public record FileView(String path, String text, boolean changed) {
    }

    /** The editable files of a version of a domain ({@code active}: the active version's number). */
    public record FilesView(String domain, int version, int active, String ruleSetVersion, List<FileView> files) {
    }

    @GET
    @RolesAllowed({Roles.LEAD, Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "The editable files of a domain (profile.yaml, vocabulary.yaml, rules/*.drl) with their text as a version has"
            + " them (default: the active version; 0: the shipped folder)")
    public FilesView files(@PathParam("domain") String domain, @QueryParam("version") String version) {
        if (domain == null || !engines.ids().contains(domain)) {
            throw ProblemException.notFound("domain", String.valueOf(domain)).with("known", engines.ids());
        }
        Integer wanted = null;
        if (version != null && !version.isBlank()) {
            try {
                wanted = Integer.parseInt(version.trim());
            } catch (NumberFormatException e) {
                wanted = -1;
            }
            if (wanted < 0) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "version must be a number ≥ 0")
                        .with("field", "version");
            }
        }
        Integer n = wanted;
        KnowledgeVersions.Active[] av = QuarkusTransaction.requiringNew().call(() -> new KnowledgeVersions.Active[] {
            versions.active(domain), n == null ? null : versions.version(domain, n).orElse(null)});
        KnowledgeVersions.Active active = av[0];
        KnowledgeVersions.Active v = n == null ? active : av[1];
        if (v == null) {
            throw ProblemException.notFound("version of " + domain, String.valueOf(n));
        }
        Map<String, String> texts = shipped(domain);
        texts.putAll(v.content());
        List<FileView> out = new ArrayList<>();
        texts.forEach((path, text) -> out.add(new FileView(path, text, v.content().containsKey(path))));
        return new FilesView(domain, v.versionNo(), active.versionNo(), v.ruleSetVersion(), out);
    }

    /** The editable files of the shipped folder, by path. */
    private Map<String, String> shipped(String domain) {
        java.nio.file.Path folder = engines.folder(domain);
        Map<String, String> texts = new TreeMap<>();
        try (Stream<java.nio.file.Path> s = Files.walk(folder, 2)) {
            for (java.nio.file.Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (KnowledgeCompiler.EDITABLE.matcher(rel).matches()) {
                    texts.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
