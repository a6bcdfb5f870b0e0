package org.openahi.core.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The principals, their access keys and policies this server knows, and the one place a front door asks who a
 * key belongs to. Without an access file it is the development default: one key, one principal allowed everything,
 * exactly as before principals existed. With one, the file is read at start (a broken file stops the start) and read
 * again whenever it changes on disk (checked on each use: one stat); a broken edit is logged and the last good version
 * stays in force.
 */
public final class AccessControl {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final String ALLOW_ALL = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"*\", \"Resource\": \"*\"}]}";

    private final Optional<Path> file;
    private final Map<String, String> environment;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Loaded loaded;

    private record Loaded(AccessFile.Contents contents, Object version) {}

    private AccessControl(Optional<Path> file, Map<String, String> environment, Loaded loaded) {
        this.file = file;
        this.environment = environment;
        this.loaded = loaded;
    }

    /** The development default: {@code accessKeyId} belongs to the account's root, which may do everything. */
    public static AccessControl singleKey(String accessKeyId, String secretAccessKey, String accountId) {
        String arn = "arn:aws:iam::" + accountId + ":root";
        Principal root;
        try {
            root = new Principal(
                    arn, List.of(Policy.parse("the development policy", new ObjectMapper().readTree(ALLOW_ALL))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new AccessControl(
                Optional.empty(),
                Map.of(),
                new Loaded(
                        new AccessFile.Contents(
                                Map.of(arn, root),
                                Map.of(accessKeyId, new AccessFile.AccessKey(accessKeyId, secretAccessKey, arn)),
                                Optional.empty(),
                                Map.of()),
                        "fixed"));
    }

    /** The principals of an access file, read now (an IllegalArgumentException when it is broken) and on change. */
    public static AccessControl fromFile(Path file, Map<String, String> environment) {
        Object version = version(file);
        return new AccessControl(
                Optional.of(file), Map.copyOf(environment), new Loaded(AccessFile.read(file, environment), version));
    }

    public Optional<Path> file() {
        return file;
    }

    public Optional<String> secretFor(String accessKeyId) {
        return Optional.ofNullable(current().keys().get(accessKeyId)).map(AccessFile.AccessKey::secretAccessKey);
    }

    /** The principal an access key belongs to. */
    public Optional<Principal> principalForKey(String accessKeyId) {
        AccessFile.Contents contents = current();
        return Optional.ofNullable(contents.keys().get(accessKeyId))
                .map(key -> contents.principals().get(key.principalArn()));
    }

    /** A principal by its ARN (a role an OIDC authorizer names). */
    public Optional<Principal> principal(String arn) {
        return Optional.ofNullable(current().principals().get(arn));
    }

    /** Everything in force now, for listing. */
    public AccessFile.Contents current() {
        if (file.isPresent()) {
            Object version = version(file.get());
            if (!Objects.equals(version, loaded.version())) {
                reload(version);
            }
        }
        return loaded.contents();
    }

    private void reload(Object version) {
        reloading.lock();
        try {
            if (Objects.equals(version, loaded.version())) {
                return;
            }
            try {
                loaded = new Loaded(AccessFile.read(file.get(), environment), version);
                LOG.info(
                        "Access file {} reloaded: {} principals, {} access keys",
                        file.get(),
                        loaded.contents().principals().size(),
                        loaded.contents().keys().size());
            } catch (IllegalArgumentException e) {
                // Keep the last good version; remember this one so the broken file is not parsed on every request.
                loaded = new Loaded(loaded.contents(), version);
                LOG.error("Access file not reloaded, the previous version stays in force: {}", e.getMessage());
            }
        } finally {
            reloading.unlock();
        }
    }

    /** What changes when the file is edited or replaced: its identity, size and modification time. */
    private static Object version(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
