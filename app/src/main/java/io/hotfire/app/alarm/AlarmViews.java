package io.hotfire.app.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * How a stored alarm is shown: the {@link AlarmView} of an alarm row (a shelf shown only while it is
 * in force, the comments when asked for), and the row's JSON columns (tags, members) read and written.
 */
@ApplicationScoped
public class AlarmViews {

    private final Session session;
    private final ObjectMapper json;

    public AlarmViews(Session session, ObjectMapper json) {
        this.session = session;
        this.json = json;
    }

    /** The alarm as the API shows it; {@code withComments} reads its comments (after flushing those just added). */
    public AlarmView view(AlarmEntity a, boolean withComments) {
        List<AlarmView.Comment> comments = null;
        if (withComments) {
            session.flush();
            comments = session.createSelectionQuery("from AlarmCommentEntity c where c.alarmId = :id order by c.id", AlarmCommentEntity.class)
                    .setParameter("id", a.id)
                    .getResultList().stream()
                    .map(c -> new AlarmView.Comment(c.id, c.author, c.body, c.createdAt))
                    .toList();
        }
        boolean shelved = a.shelvedAt(now());
        return new AlarmView(a.id, a.runId, a.alarmKey, a.source, a.code, a.sensor, a.message, a.severity.name(), a.latching,
                a.state.name(), a.conditionActive, a.occurrences, a.raisedT, a.lastT, a.clearedT, a.lastEventId, a.createdAt,
                a.updatedAt, a.ackedBy, a.ackedAt, shelved, shelved ? a.shelvedBy : null, shelved ? a.shelvedAt : null,
                shelved ? a.shelvedUntil : null, shelved ? a.shelveReason : null, a.assignee, a.assignedBy, a.assignedAt,
                tags(a.tags), a.firstOut, members(a.members), comments);
    }

    /** The stored members column (member → severity), empty when none. */
    private Map<String, String> members(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alarm members are not a JSON object: " + stored, e);
        }
    }

    /** The stored tags column. */
    public List<String> tags(String stored) {
        try {
            return List.of(json.readValue(stored, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alarm tags are not a JSON array: " + stored, e);
        }
    }

    /** A value as stored in a JSON column (and as matched inside one). */
    public String write(Object v) {
        try {
            return json.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + v + " as JSON", e);
        }
    }

    /** Now, at the precision the database stores (microseconds). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
