package io.hotfire.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.Hashing;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The canonical form auditors recompute hashes from: pinned here, so a change to it cannot go unnoticed. */
class AuditHashTest {

    private static AuditRecordEntity record() {
        AuditRecordEntity r = new AuditRecordEntity();
        r.seq = 7;
        r.recordedAt = Instant.parse("2026-11-27T16:01:35.123456Z");
        r.actorSubject = "local:lead";
        r.actorName = "lead";
        r.actorClient = "local";
        r.action = "alarm.ack";
        r.target = "alarm/3";
        r.runId = UUID.fromString("6068d1cc-60dd-4b7e-829e-b6d7e7a7ed63");
        r.route = null;
        r.summary = "alarm 3 \"acknowledged\"";
        r.payload = "{\"alarmId\":3}";
        r.prevHash = AuditHash.GENESIS;
        return r;
    }

    @Test
    void theCanonicalFormIsAJsonArrayOfEveryColumnInAFixedOrder() {
        assertThat(AuditHash.canonical(record())).isEqualTo("[\"hotfire-audit-v1\",7,\"2026-11-27T16:01:35.123456Z\",\"local:lead\",\"lead\","
                + "\"local\",\"alarm.ack\",\"alarm/3\",\"6068d1cc-60dd-4b7e-829e-b6d7e7a7ed63\",null,\"alarm 3 \\\"acknowledged\\\"\","
                + "\"{\\\"alarmId\\\":3}\",\"" + AuditHash.GENESIS + "\"]");
        assertThat(AuditHash.of(record())).isEqualTo(Hashing.sha256Hex(AuditHash.canonical(record()))).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void changingAnyColumnChangesTheHash() {
        String original = AuditHash.of(record());
        List<Consumer<AuditRecordEntity>> edits = List.of(
                r -> r.seq = 8,
                r -> r.recordedAt = r.recordedAt.plusNanos(1000),
                r -> r.actorSubject = "local:engineer",
                r -> r.actorName = "engineer",
                r -> r.actorClient = null,
                r -> r.action = "alarm.shelve",
                r -> r.target = "alarm/4",
                r -> r.runId = null,
                r -> r.route = "rules-only",
                r -> r.summary = "alarm 3 acknowledged",
                r -> r.payload = "{\"alarmId\":4}",
                r -> r.prevHash = "1" + AuditHash.GENESIS.substring(1));
        for (Consumer<AuditRecordEntity> edit : edits) {
            AuditRecordEntity r = record();
            edit.accept(r);
            assertThat(AuditHash.of(r)).isNotEqualTo(original);
        }
    }

    @Test
    void anAbsentValueAndTheTextNullHashDifferently() {
        AuditRecordEntity withText = record();
        withText.route = "null";

        assertThat(AuditHash.of(withText)).isNotEqualTo(AuditHash.of(record()));
    }
}
