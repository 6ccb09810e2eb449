package io.hotfire.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.Session;

/** How often each rule has produced a stored event, for the rule catalogue. */
@Path("/api/v1/rules/firings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class RuleFiringResource {

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    @GET
    @Transactional
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Rule firing counts", description = "Rule id to the number of stored events (all runs) that name it.")
    public Map<String, Long> firings() {
        Map<String, Long> counts = new TreeMap<>();
        List<Object[]> rows = session.createSelectionQuery("select e.rules, count(e) from EventEntity e group by e.rules", Object[].class)
                .getResultList();
        for (Object[] r : rows) {
            try {
                for (String id : json.readValue((String) r[0], String[].class)) {
                    counts.merge(id, (Long) r[1], Long::sum);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored event rules are not a JSON array: " + r[0], e);
            }
        }
        return counts;
    }
}
