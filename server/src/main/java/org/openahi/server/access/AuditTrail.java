package org.openahi.server.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openahi.core.access.AccessRequest;
import org.openahi.core.access.Principal;
import org.openahi.core.audit.AuditLog;
import org.openahi.core.audit.AuditRecord;
import org.openahi.server.http.WireResponse;

/**
 * Records every write a front door authorized or refused in the {@link AuditLog}: who (the principal), which
 * request (its id, as the client got it), what (action, resources) and how it ended. Reads are not recorded.
 */
public final class AuditTrail {
    /** The actions that change something: the API's writes, STOW-RS, event replays and exports. */
    static final Set<String> WRITES = java.util.stream.Stream.concat(
                    Set.of(
                                    "CreateDatastore",
                                    "DeleteDatastore",
                                    "TagResource",
                                    "UntagResource",
                                    "StartDICOMImportJob",
                                    "UpdateImageSetMetadata",
                                    "CopyImageSet",
                                    "DeleteImageSet",
                                    "StoreDICOM",
                                    "StoreDICOMStudy")
                            .stream()
                            .map(name -> AccessRequests.SERVICE_PREFIX + name),
                    java.util.stream.Stream.of("ReplayEvents", "StartExportJob")
                            .map(name -> AccessRequests.EXTENSION_PREFIX + name))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** What one request has established so far: its caller once authenticated, its IAM request once bound. */
    public static final class Pending {
        private Principal principal;
        private AccessRequest request;

        public void caller(Principal principal) {
            this.principal = principal;
        }

        public void request(AccessRequest request) {
            this.request = request;
        }
    }

    /** Records the request's outcome when it was an authenticated write. */
    public void finish(Pending pending, String requestId, String sourceIp, WireResponse response) {
        if (pending.principal == null || pending.request == null || !WRITES.contains(pending.request.action())) {
            return;
        }
        List<String> resources = pending.request.resources().stream()
                .map(AccessRequest.Resource::arn)
                .toList();
        Optional<String> error = response.status() < 300
                ? Optional.empty()
                : Optional.ofNullable(response.headers().get("x-amzn-ErrorType"))
                        .or(() -> Optional.of("HTTP " + response.status()));
        log.record(new AuditRecord(
                clock.instant(),
                requestId,
                pending.principal.arn(),
                pending.request.action(),
                resources,
                sourceIp,
                response.status(),
                error));
    }
}
