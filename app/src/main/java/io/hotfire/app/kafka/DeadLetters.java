package io.hotfire.app.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.problem.Problem;
import io.hotfire.app.run.RunEntity;
import io.hotfire.domain.Hashing;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Poison messages: copied to the dead-letter topic (same key, value and headers, plus the problem
 * and where it came from) and recorded in the audit log ({@value #ACTION}), both before the
 * message's offset may be committed, so a poison message is never silently dropped.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String ACTION = "kafka.poison";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @ConfigProperty(name = "hotfire.kafka.bootstrap-servers")
    String bootstrap;

    @ConfigProperty(name = "hotfire.kafka.dead-letter-topic")
    String topic;

    @Inject
    Session session;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private KafkaProducer<String, byte[]> producer;

    /** Sends the record to the dead-letter topic and waits for the broker's acknowledgement. */
    public void send(ConsumerRecord<String, byte[]> record, Problem problem) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header h : record.headers()) {
            out.headers().add(h);
        }
        out.headers().add(TelemetryMessages.ERROR, problemJson(problem).getBytes(StandardCharsets.UTF_8));
        out.headers().add(TelemetryMessages.SOURCE, source(record).getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(out).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to the dead-letter topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead-letter topic " + topic + " did not take " + source(record), e);
        }
        registry.counter("hotfire.kafka.dead.letters").increment();
        LOG.warnf("poison message %s (key %s) sent to %s: %s", source(record), record.key(), topic, problem.getDetail());
    }

    /** The audit record of a poison message, in its own transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void audit(ConsumerRecord<String, byte[]> record, Problem problem) {
        UUID run = runIdIfStored(record.key());
        AuditEntry entry = AuditEntry.of(ACTION, "kafka/" + source(record),
                "poison Kafka message " + source(record) + " sent to " + topic + ": " + problem.getDetail(),
                CanonicalJson.map("topic", record.topic(), "partition", record.partition(), "offset", record.offset(),
                        "key", record.key(), "valueBytes", record.value() == null ? 0 : record.value().length,
                        "valueSha256", sha256(record.value()), "problem", json.convertValue(problem, java.util.Map.class),
                        "deadLetterTopic", topic));
        audit.append(TelemetryConsumer.ACTOR, run == null ? entry : entry.run(run));
    }

    private UUID runIdIfStored(String key) {
        try {
            UUID id = UUID.fromString(key);
            return session.find(RunEntity.class, id) == null ? null : id;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String source(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "/" + r.offset();
    }

    private String problemJson(Problem p) {
        try {
            return json.writeValueAsString(p);
        } catch (Exception e) {
            return "{\"detail\":\"" + p.getDetail().replace("\"", "'") + "\"}";
        }
    }

    static String sha256(byte[] value) {
        return Hashing.sha256Hex(value == null ? new byte[0] : value);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "hotfire-dead-letters");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
