package org.openahi.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON line per write, appended to a file ({@code OPENAHI_AUDIT_LOG}) and written through to
 * the operating system before the write's answer is sent, e.g.
 * <pre>{"time":"2026-12-06T10:00:00.123Z","requestId":"...","principal":"arn:aws:iam::000000000000:user/alice",
 * "action":"medical-imaging:DeleteImageSet","resources":["arn:..."],"sourceIp":"127.0.0.1","status":200}</pre>
 * Lines are whole: one writer at a time. Readers (an operator, a log shipper) parse it line by line.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();

    public AuditLog(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.out = Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit log " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public void record(AuditRecord record) {
        byte[] line = line(record);
        writing.lock();
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            // The write itself happened; losing its audit line is reported loudly rather than failing the answer.
            LOG.error(
                    "Audit line not written to {}: {} ({})",
                    file,
                    new String(line, java.nio.charset.StandardCharsets.UTF_8).strip(),
                    e.getMessage());
        } finally {
            writing.unlock();
        }
    }

    static byte[] line(AuditRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("time", record.time().toString());
            json.writeStringField("requestId", record.requestId());
            json.writeStringField("principal", record.principal());
            json.writeStringField("action", record.action());
            json.writeArrayFieldStart("resources");
            for (String resource : record.resources()) {
                json.writeString(resource);
            }
            json.writeEndArray();
            json.writeStringField("sourceIp", record.sourceIp());
            json.writeNumberField("status", record.status());
            if (record.error().isPresent()) {
                json.writeStringField("error", record.error().get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        writing.lock();
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("Closing the audit log {}: {}", file, e.getMessage());
        } finally {
            writing.unlock();
        }
    }
}
