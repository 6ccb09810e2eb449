package io.hotfire.app.ingest;

import io.hotfire.app.alarm.AlarmTracker;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.ingest.Conclusions.Diagnosed;
import io.hotfire.app.event.EventAudit;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.event.EventStore;
import io.hotfire.app.persistence.AfterCommit;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunEntity;
import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Stores a batch of frames of one run and runs the diagnosis on the new ones, all in one
 * transaction: either every new frame and every event they produced is stored, or nothing.
 *
 * <p>Policy, per run (the run row is locked for the batch, so batches of one run are serialised):
 * <ul>
 * <li>A batch is a set: it is sorted by seq. A seq repeated inside a batch with identical t and
 * values counts once (a duplicate); with different ones it is a 409.</li>
 * <li>A frame whose seq is at or below the run's last stored seq must be a resend: identical to the
 * stored frame (counted as duplicate, nothing written) or it is a 409. A seq below the last that
 * was never stored is a 409 too: frames arrive in increasing seq order, and a gap (lost frames)
 * is accepted but cannot be filled later, because the diagnosis has already moved past it.</li>
 * <li>Frames above the last seq are new: stored, then fed to the run's monitor in seq order; the
 * events it returns are stored in the same transaction.</li>
 * </ul>
 *
 * <p>In the same transaction, the run's alarms follow the new events ({@link AlarmTracker}) and the
 * audit log gets the batch (counts, seq range, SHA-256 of the body and of the stored frames) and
 * one record per event; the chain head is locked last, so concurrent batches wait for each other
 * only while they commit.
 */
@ApplicationScoped
public class Ingestion {

    private static final Logger LOG = Logger.getLogger(Ingestion.class);

    @Inject
    Session session;

    @Inject
    RunProfiles profiles;

    @Inject
    RunMonitors monitors;

    @Inject
    io.hotfire.app.note.NoteService notes;

    @Inject
    Conclusions conclusions;

    @Inject
    AfterCommit afterCommit;

    @Inject
    AuditLog audit;

    @Inject
    Actors actors;

    @Inject
    FrameStore frames;

    @Inject
    RuleSetSwitch ruleSets;

    /**
     * Diagnoses the new frames of a group's runs: one thread per core at most, shared by every group
     * (the committer and the Kafka consumer).
     */
    private java.util.concurrent.ExecutorService diagnosis;

    @Inject
    void executors(io.hotfire.app.exec.NamedExecutors executors) {
        diagnosis = executors.fixed("diagnosis", io.hotfire.app.exec.NamedExecutors.cores());
    }

    /** Metrics and the after-commit BatchStored event of every stored batch. */
    @Inject
    BatchPublisher publisher;

    /**
     * @param parsed          frames as read from the body
     * @param numberAfterLast the frames carry row indexes (0, 1, ...) rather than seqs: number them
     *                        on from the run's last stored seq
     * @param source          the request body's format, length and hash, for the audit record
     */
    @Transactional
    public IngestResult ingest(UUID runId, List<Frame> parsed, boolean numberAfterLast, BatchSource source) {
        List<AuditLog.Attributed> records = new ArrayList<>();
        List<FrameStore.Row> rows = new ArrayList<>();
        Prepared p = prepare(runId, false, parsed, numberAfterLast, source, records, rows, notes::acceptedFacts);
        frames.insert(rows);
        if (p.result() != null) {
            audit.appendAll(records);
            return p.result();
        }
        Diagnosed d = Conclusions.diagnose(p.monitor(), p.fresh());
        IngestResult result = finish(p, d, conclude(List.of(p), List.of(d)).get(0), records);
        audit.appendAll(records);
        return result;
    }

    /**
     * Ingests batches of distinct runs in ONE new transaction (one audit chain lock, one commit),
     * as {@link #ingest} would one by one; the results are in the batches' order. Lock order, the
     * same as a single {@link #ingest} so no two transactions wait for each other in a cycle: every
     * run row of the group in run-id order, then the runs' alarms (one statement, in run-id order), then the audit chain head, once,
     * for all the group's records (in the group's run-id order, each batch's records as
     * {@link #ingest} orders them). The chain head is thus held only for the final append and the
     * commit, not while the later batches of the group are diagnosed.
     *
     * @return the results, or empty when the transaction was refused (a batch conflicts, a lock
     *         timed out...): it rolled back whole and nothing of the group is stored; ingest the
     *         batches one by one to find out which. Also empty, without trying, when two batches are
     *         of one run (the second would see the first's changes through a stale run entity):
     *         those must go one after the other
     */
    public Optional<List<IngestResult>> ingestTogether(List<IngestBatch> batches) {
        Set<UUID> runs = new HashSet<>();
        for (IngestBatch b : batches) {
            if (!runs.add(b.runId())) {
                LOG.debugf("run %s appears twice in one group; not ingesting them together", b.runId());
                return Optional.empty();
            }
        }
        List<Integer> order = java.util.stream.IntStream.range(0, batches.size()).boxed()
                .sorted(Comparator.comparing(i -> batches.get(i).runId())).toList();
        try {
            return Optional.of(QuarkusTransaction.requiringNew().call(() -> {
                // All run rows locked here, in one statement and in the database's id order (the same
                // for every group), before any alarm or the chain head; prepare finds them held.
                // Native SQL: an HQL "in :ids" is translated again for every list length (a fifth of the committer's
                // CPU in a profile of 20 live runs); the rows come back as managed entities, found below without SQL.
                // A run that is not there is found missing by prepare, as for a lone batch.
                // The same statement says which runs have engineers' accepted observations (most have none), read in one more query.
                Set<UUID> noted = new HashSet<>();
                for (Object[] row : session.createNativeQuery("select {r.*}, exists (select 1 from run_observation o where o.run_id = r.id"
                                + " and o.status = :accepted) as noted from run r where r.id in (:ids) order by r.id for update", Object[].class)
                        .addEntity("r", RunEntity.class)
                        .addScalar("noted", Boolean.class)
                        .addSynchronizedEntityClass(RunEntity.class)
                        .setParameter("accepted", io.hotfire.app.note.ObservationStatus.ACCEPTED.name())
                        .setParameter("ids", runs)
                        .getResultList()) {
                    if (Boolean.TRUE.equals(row[1])) {
                        noted.add(((RunEntity) row[0]).id);
                    }
                }
                Map<UUID, List<io.hotfire.domain.observation.ObservationFact>> observations = notes.acceptedFacts(noted);
                List<FrameStore.Row> rows = new ArrayList<>();
                IngestResult[] results = new IngestResult[batches.size()];
                List<AuditLog.Attributed> records = new ArrayList<>();
                // Reads on this (the transaction's) thread, batch by batch in run-id order...
                Prepared[] prepared = new Prepared[batches.size()];
                List<AuditLog.Attributed>[] early = newRecordLists(batches.size());
                for (int i : order) {
                    IngestBatch b = batches.get(i);
                    prepared[i] = prepare(b.runId(), true, b.frames(), b.numberAfterLast(), b.source(), early[i], rows,
                            run -> observations.getOrDefault(run, List.of()));
                }
                // ...the diagnosis of each run's new frames (CPU only: each run has its own monitor) in parallel...
                List<java.util.concurrent.Future<Diagnosed>> diagnosed = new ArrayList<>();
                for (Prepared p : prepared) {
                    diagnosed.add(p.result() != null ? null : diagnosis.submit(() -> Conclusions.diagnose(p.monitor(), p.fresh())));
                }
                // ...while the group's new frames of every run are written in one JDBC batch...
                try {
                    frames.insert(rows);
                } catch (RuntimeException e) {
                    // The transaction rolls back and closes the taken monitors: let no diagnosis still be using one.
                    io.hotfire.app.exec.NamedExecutors.awaitQuietly(diagnosed);
                    throw e;
                }
                // ...then, on this thread again and in run-id order: the events and alarms of all the group's runs...
                Diagnosed[] done = new Diagnosed[batches.size()];
                List<Prepared> fresh = new ArrayList<>();
                List<Diagnosed> freshDone = new ArrayList<>();
                for (int i : order) {
                    if (prepared[i].result() == null) {
                        done[i] = io.hotfire.app.exec.NamedExecutors.await(diagnosed.get(i));
                        fresh.add(prepared[i]);
                        freshDone.add(done[i]);
                    }
                }
                java.util.Iterator<Conclusions.Stored> stored = conclude(fresh, freshDone).iterator();
                // ...then run rows and audit records.
                for (int i : order) {
                    records.addAll(early[i]);
                    results[i] = prepared[i].result() != null ? prepared[i].result() : finish(prepared[i], done[i], stored.next(), records);
                }
                audit.appendAll(records);
                return Arrays.asList(results);
            }));
        } catch (RuntimeException e) {
            // A batch's own fault (conflict, unknown run...) is expected and found again one by one; anything
            // else would make every group fall back to single transactions unnoticed, so it is logged.
            if (ProblemException.inCauses(e)) {
                LOG.debugf(e, "the group transaction of %d batches was refused", batches.size());
            } else {
                LOG.warnf(e, "the group transaction of %d batches failed; ingesting them one by one", batches.size());
            }
            return Optional.empty();
        }
    }

    /**
     * A batch read and stored, ready to be diagnosed: either {@code result} is set (nothing new, done)
     * or the run's monitor and new frames are.
     */
    private record Prepared(IngestResult result, UUID runId, RunEntity run, RunMonitor monitor, EngineProfile profile,
            List<Frame> fresh, int duplicates, int received, String framesSha256, BatchSource source) {
    }

    @SuppressWarnings("unchecked")
    private static List<AuditLog.Attributed>[] newRecordLists(int n) {
        List<AuditLog.Attributed>[] lists = new List[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new ArrayList<>();
        }
        return lists;
    }

    /** Stores the events and alarm changes the batches' diagnoses concluded ({@link Conclusions}), in order. */
    private List<Conclusions.Stored> conclude(List<Prepared> prepared, List<Diagnosed> diagnosed) {
        List<EventStore.Appending> of = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            of.add(new EventStore.Appending(prepared.get(i).runId(), diagnosed.get(i).events(), prepared.get(i).monitor().ruleSetVersion()));
        }
        return conclusions.store(of);
    }

    /**
     * Reads the run (locked here, or already by the caller when {@code locked}), sorts out resent frames and lays the new ones out as rows, added to {@code rows}
     * for the caller to {@link FrameStore#insert} in the current transaction; a batch with nothing new is
     * finished here (its audit record added to {@code records}).
     *
     * @param observations the run's accepted observations (read in this transaction, after the run's lock)
     */
    private Prepared prepare(UUID runId, boolean locked, List<Frame> parsed, boolean numberAfterLast, BatchSource source,
            List<AuditLog.Attributed> records, List<FrameStore.Row> rows,
            java.util.function.Function<UUID, List<io.hotfire.domain.observation.ObservationFact>> observations) {
        RunEntity run = run(runId, locked ? LockModeType.NONE : LockModeType.PESSIMISTIC_WRITE);
        DiagnosisEngine engine = profiles.engineOf(run);
        EngineProfile profile = engine.profile();
        long last = run.lastSeq == null ? -1 : run.lastSeq;

        List<Frame> sorted = new ArrayList<>(parsed.size());
        for (Frame f : parsed) {
            sorted.add(numberAfterLast ? new Frame(last + 1 + f.seq(), f.t(), f.values()) : f);
        }
        sorted.sort(Comparator.comparingLong(Frame::seq));
        List<Frame> resent = new ArrayList<>();
        List<Frame> fresh = new ArrayList<>();
        int duplicates = Dedup.partition(sorted, last, resent, fresh) + (resent.isEmpty() ? 0
                : Dedup.checkResent(resent, frames.checksums(runId, resent.get(0).seq(), resent.get(resent.size() - 1).seq()),
                        run.lastSeq));
        Dedup.checkFollowsStored(run.lastSeq, run.lastT, parsed, numberAfterLast, fresh);
        if (fresh.isEmpty()) {
            IngestResult result = new IngestResult(runId, 0, duplicates, run.lastSeq, run.frameCount, 0);
            records.add(BatchAudit.batchRecord(result, parsed.size(), null, null, null, source, actors.current()));
            return new Prepared(result, runId, run, null, profile, fresh, duplicates, parsed.size(), null, source);
        }

        RunMonitor monitor = monitorFor(run, engine, fresh.get(fresh.size() - 1).seq(), observations.apply(runId));
        String framesSha256 = frames.encode(runId, fresh, profile, rows);
        return new Prepared(null, runId, run, monitor, profile, fresh, duplicates, parsed.size(), framesSha256, source);
    }


    /** Moves the run on past the batch's concluded frames and adds the batch's audit records to {@code records}. */
    private IngestResult finish(Prepared p, Diagnosed d, Conclusions.Stored c, List<AuditLog.Attributed> records) {
        List<Event> concluded = d.events();
        List<EventEntity> rows = c.rows();
        UUID runId = p.runId();
        RunEntity run = p.run();
        RunMonitor monitor = p.monitor();
        List<Frame> fresh = p.fresh();

        Frame newest = fresh.get(fresh.size() - 1);
        long frameCount = run.frameCount + fresh.size();
        // The run row is locked and managed: its UPDATE goes out with the transaction's flush, batched
        // with the group's other runs (frames are written by plain JDBC and never clear the session).
        run.frameCount = frameCount;
        run.lastSeq = newest.seq();
        run.lastT = newest.t();
        IngestResult result = new IngestResult(runId, fresh.size(), p.duplicates(), newest.seq(), frameCount, concluded.size());

        long firstSeq = fresh.get(0).seq();
        records.add(BatchAudit.batchRecord(result, p.received(), firstSeq, p.framesSha256(), monitor.ruleSetVersion(), p.source(), actors.current()));
        for (int i = 0; i < concluded.size(); i++) {
            records.add(new AuditLog.Attributed(Actor.DIAGNOSIS,
                    EventAudit.entry(runId, rows.get(i).id, concluded.get(i), monitor.ruleSetVersion(), firstSeq, newest.seq())));
        }
        records.addAll(c.lifecycle());
        publisher.stored(runId, p.source().format(), p.profile().sensorIds().size(), fresh, concluded, rows, d.nanos());
        return result;
    }

    /**
     * Takes the run's monitor out of the cache (or rebuilds it from the stored frames) and arranges
     * for it to go back only if this transaction commits.
     */
    private RunMonitor monitorFor(RunEntity run, DiagnosisEngine engine, long newLastSeq,
            List<io.hotfire.domain.observation.ObservationFact> observations) {
        RunMonitors.Held held = monitors.take(run.id);
        if (held != null && !Objects.equals(held.lastSeq(), run.lastSeq)) {
            RunMonitors.close(held.monitor());
            held = null;
        }
        // A knowledge version activated since (#18): the run goes on with the new rules from its next frame.
        String previous = held != null ? held.monitor().ruleSetVersion() : run.lastSeq == null ? null : ruleSets.lastVersion(run.id);
        if (held != null && RuleSetSwitch.rulesChanged(previous, engine)) {
            RunMonitors.close(held.monitor());
            held = null;
        }
        RunMonitor monitor = held != null ? held.monitor() : ruleSets.open(engine, run.engine, run.id, previous, run.lastSeq);
        afterCommit.run(() -> monitors.putBack(run.id, new RunMonitors.Held(monitor, newLastSeq)),
                () -> RunMonitors.close(monitor));
        // Accepted observations from engineers' notes (#6): the rules may use them as evidence. Set before a
        // rebuild's replay, so the rebuilt monitor ends in the state the cached one would have had.
        monitor.observations(observations);
        if (held == null && run.lastSeq != null) {
            frames.replayInto(run.id, monitor);
        }
        return monitor;
    }

    private RunEntity run(UUID runId, LockModeType lock) {
        RunEntity run = session.find(RunEntity.class, runId, lock);
        if (run == null) {
            throw ProblemException.notFound("run", runId.toString());
        }
        return run;
    }
}
