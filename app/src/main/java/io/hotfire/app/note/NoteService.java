package io.hotfire.app.note;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.llm.LlmBridge;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunEntity;
import io.hotfire.app.run.RunService;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.observation.ObservationFact;
import io.hotfire.llm.intake.DroppedObservation;
import io.hotfire.llm.intake.IntakeResult;
import io.hotfire.llm.intake.Observation;
import io.hotfire.llm.intake.Quantity;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Stores notes with the observations intake took from them, lists them, and records the review of
 * an observation. Every write is audited in its own transaction ({@code note.add},
 * {@code observation.accept}, {@code observation.reject}).
 */
@ApplicationScoped
public class NoteService {

    private static final Logger LOG = Logger.getLogger(NoteService.class);
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };

    @Inject
    Session session;

    @Inject
    RunService runs;

    @Inject
    AuditLog auditLog;

    @Inject
    ObjectMapper json;

    @Inject
    LlmBridge bridge;

    /** The engine of a stored run, or 404. */
    @Transactional
    public String engineOf(UUID runId) {
        return runs.require(runId).engine;
    }

    /** Stores the note and its observations (all PROPOSED) and audits {@code note.add}. */
    @Transactional
    public NoteView store(UUID runId, Actor author, String text, Double runTime, IntakeResult intake) {
        RunEntity run = runs.require(runId);
        NoteEntity note = new NoteEntity();
        note.id = UUID.randomUUID();
        note.runId = runId;
        note.text = text;
        note.runTime = runTime;
        note.author = author.display();
        note.createdAt = Instant.now();
        note.model = LlmBridge.label(intake.model());
        // The full reason (which may quote the model) is in the llm.call audit records.
        note.fallbackReason = LlmBridge.publicReason(intake.fallbackReason());
        note.dropped = write(dropped(intake.dropped()));
        session.persist(note);
        int position = 0;
        for (Observation o : intake.observations()) {
            if (!o.quote().isIn(text)) {
                // The bridge grounds every observation; this is the last line of defence before storage.
                LOG.warnf("note %s: dropping %s, its quote is not in the note", note.id, o.code());
                continue;
            }
            ObservationEntity e = new ObservationEntity();
            e.id = UUID.randomUUID();
            e.noteId = note.id;
            e.runId = runId;
            e.position = position++;
            e.code = o.code();
            e.time = o.time();
            e.timeSource = o.timeSource().name();
            e.component = o.component();
            e.sensor = o.sensor();
            e.present = o.present();
            e.confidence = o.confidence();
            e.quoteStart = o.quote().start();
            e.quoteEnd = o.quote().end();
            e.quoteText = o.quote().text();
            e.quantities = write(quantities(o.quantities()));
            e.model = LlmBridge.label(o.model());
            e.status = ObservationStatus.PROPOSED.name();
            session.persist(e);
        }
        session.flush();
        NoteView view = view(note, observationsOf(List.of(note.id)), bridge.domain(run.engine).vocabulary());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("note", note.id.toString());
        payload.put("text", text);
        payload.put("runTime", runTime);
        payload.put("model", note.model);
        payload.put("fallbackReason", note.fallbackReason);
        payload.put("observations", view.observations().stream().map(o -> Map.of("id", o.id().toString(), "code", o.code(),
                "present", o.present(), "quote", o.quote().text())).toList());
        payload.put("dropped", view.dropped());
        auditLog.append(author, AuditEntry.of("note.add", "run/" + runId, "note on run " + runId + ": "
                + view.observations().size() + " observation(s) proposed by " + note.model
                + (view.dropped().isEmpty() ? "" : ", " + view.dropped().size() + " dropped"), payload).run(runId));
        return view;
    }

    /** The run's notes, oldest first, with each observation's current status. */
    @Transactional
    public List<NoteView> list(UUID runId) {
        RunEntity run = runs.require(runId);
        List<NoteEntity> notes = session.createSelectionQuery(
                        "from NoteEntity n where n.runId = :run order by n.createdAt, n.id", NoteEntity.class)
                .setParameter("run", runId).setReadOnly(true).getResultList();
        List<ObservationEntity> all = observationsOf(notes.stream().map(n -> n.id).toList());
        Vocabulary vocabulary = bridge.domain(run.engine).vocabulary();
        return notes.stream().map(n -> view(n, all.stream().filter(o -> o.noteId.equals(n.id)).toList(), vocabulary)).toList();
    }

    /** Accepts or rejects an observation of the run; audited. Repeating the current decision changes nothing. */
    @Transactional
    public NoteView.ObservationView decide(UUID runId, UUID observationId, ObservationStatus decision, Actor actor,
            String comment) {
        RunEntity run = runs.require(runId);
        ObservationEntity o = session.find(ObservationEntity.class, observationId, LockMode.PESSIMISTIC_WRITE);
        if (o == null || !o.runId.equals(runId)) {
            throw ProblemException.notFound("observation on run " + runId, observationId.toString()).with("field", "obsId");
        }
        String before = o.status;
        if (before.equals(decision.name())) {
            return observationView(o, bridge.domain(run.engine).vocabulary()); // idempotent: nothing happened, nothing to audit
        }
        o.status = decision.name();
        o.decidedBy = actor.display();
        o.decidedAt = Instant.now();
        o.decisionComment = comment;
        session.flush();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("observation", o.id.toString());
        payload.put("note", o.noteId.toString());
        payload.put("code", o.code);
        payload.put("present", o.present);
        payload.put("quote", o.quoteText);
        payload.put("before", before);
        payload.put("after", o.status);
        payload.put("comment", comment);
        String action = decision == ObservationStatus.ACCEPTED ? "observation.accept" : "observation.reject";
        auditLog.append(actor, AuditEntry.of(action, "observation/" + o.id, (decision == ObservationStatus.ACCEPTED
                ? "accepted " : "rejected ") + o.code + " (\"" + o.quoteText + "\")" + (decision == ObservationStatus.ACCEPTED
                ? ": the rules may use it as evidence from the next window" : ""), payload).run(runId));
        return observationView(o, bridge.domain(run.engine).vocabulary());
    }

    /** The run's ACCEPTED observations as rule facts, in the order they were taken. Call inside a transaction. */
    public List<ObservationFact> acceptedFacts(UUID runId) {
        return session.createSelectionQuery("from ObservationEntity o where o.runId = :run and o.status = :status "
                        + "order by o.noteId, o.position", ObservationEntity.class)
                .setParameter("run", runId)
                .setParameter("status", ObservationStatus.ACCEPTED.name())
                .setReadOnly(true)
                .getResultList().stream()
                .map(o -> new ObservationFact(o.id.toString(), o.code, o.time, o.component, o.sensor, o.present, o.confidence,
                        o.quoteText))
                .toList();
    }

    /**
     * {@link #acceptedFacts(UUID)} of several runs in one query (a group commit's runs: one round trip
     * instead of one per batch); every asked run has an entry, empty when it has none.
     */
    public Map<UUID, List<ObservationFact>> acceptedFacts(java.util.Collection<UUID> runIds) {
        Map<UUID, List<ObservationFact>> out = new java.util.HashMap<>();
        runIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (runIds.isEmpty()) {
            return out;
        }
        // Native SQL: an HQL "in :runs" is translated again for every list length, on the ingest path of every group.
        session.createNativeQuery("select * from run_observation where run_id in (:runs) and status = :status "
                        + "order by note_id, position", ObservationEntity.class)
                .addSynchronizedEntityClass(ObservationEntity.class)
                .setParameter("runs", runIds)
                .setParameter("status", ObservationStatus.ACCEPTED.name())
                .setReadOnly(true)
                .getResultList()
                .forEach(o -> out.get(o.runId).add(new ObservationFact(o.id.toString(), o.code, o.time, o.component, o.sensor,
                        o.present, o.confidence, o.quoteText)));
        return out;
    }

    private List<ObservationEntity> observationsOf(List<UUID> noteIds) {
        if (noteIds.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("from ObservationEntity o where o.noteId in :notes order by o.noteId, o.position",
                        ObservationEntity.class)
                .setParameter("notes", noteIds).getResultList();
    }

    private NoteView view(NoteEntity n, List<ObservationEntity> observations, Vocabulary vocabulary) {
        return new NoteView(n.id, n.runId, n.text, n.runTime, n.author, n.createdAt, n.model, n.fallbackReason,
                observations.stream().map(o -> observationView(o, vocabulary)).toList(), read(n.dropped));
    }

    private NoteView.ObservationView observationView(ObservationEntity o, Vocabulary vocabulary) {
        String description = vocabulary == null ? null : vocabulary.entry(o.code).map(VocabularyEntry::description).orElse(null);
        return new NoteView.ObservationView(o.id, o.noteId, o.code, description, o.time, o.timeSource, o.component, o.sensor,
                o.present, o.confidence, new NoteView.Quote(o.quoteStart, o.quoteEnd, o.quoteText), read(o.quantities), o.model,
                o.status, o.decidedBy, o.decidedAt, o.decisionComment);
    }

    private static List<Map<String, Object>> dropped(List<DroppedObservation> dropped) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DroppedObservation d : dropped) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", d.reason());
            m.put("code", d.code());
            m.put("quote", d.quote());
            m.put("model", LlmBridge.label(d.model()));
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> quantities(List<Quantity> quantities) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Quantity q : quantities) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", q.value());
            m.put("unit", q.unit());
            m.put("quote", q.quote() == null ? null : Map.of("start", q.quote().start(), "end", q.quote().end(),
                    "text", q.quote().text()));
            out.add(m);
        }
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private List<Map<String, Object>> read(String text) {
        try {
            return json.readValue(text, LIST_OF_MAPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is malformed: " + text, e);
        }
    }
}
