package org.openahi.server.access;

import java.util.Set;
import org.openahi.core.access.Principal;
import org.openahi.core.throttle.Admission;
import org.openahi.core.throttle.Throttle;
import org.openahi.server.http.HttpError;

/**
 * What a front door checks before it does the work of an authorized request: the caller's token bucket for the action
 * ({@link Throttle}: 429 ThrottlingException), then, for the expensive actions, room among the work in flight
 * ({@link Admission}: 503 ServiceUnavailableException with Retry-After). Cheap actions — control-plane reads and
 * writes that only record or enqueue — never wait for room, so they stay fast while expensive work is shed.
 */
public final class RequestLimits {
    /** The actions whose work is reading documents, frames or instances, or searching. */
    static final Set<String> EXPENSIVE_API = Set.of("GetImageSetMetadata", "GetImageFrame", "SearchImageSets");
    /**
     * STOW-RS is not counted: its body has been received by then (bounding bodies received at once belongs to intake),
     * and storing it may take seconds that would starve the retrievals sharing the bound.
     */
    static final Set<String> OWN_BOUND = Set.of("StoreDICOM", "StoreDICOMStudy");

    public static final String RETRY_AFTER_SECONDS = "1";

    private final Throttle throttle;
    private final Admission admission;

    public RequestLimits(Throttle throttle, Admission admission) {
        this.throttle = throttle;
        this.admission = admission;
    }

    /**
     * Admits the request; the permit must be closed when its work is done. Every DICOMweb action but STOW-RS counts as
     * expensive.
     *
     * @throws org.openahi.core.error.Throttled when the caller's bucket for the action is empty
     * @throws HttpError 503 when expensive work is full
     */
    public Admission.Permit enter(Principal principal, String action, boolean dicomWeb) {
        throttle.check(principal.arn(), action);
        if (dicomWeb ? OWN_BOUND.contains(action) : !EXPENSIVE_API.contains(action)) {
            return () -> {};
        }
        return admission
                .admit()
                .orElseThrow(() -> HttpError.serviceUnavailable("The server is at its limit of "
                        + "expensive requests (" + admission
                        + "; OPENAHI_MAX_EXPENSIVE_REQUESTS, OPENAHI_MAX_QUEUED_REQUESTS); retry "
                        + "in " + RETRY_AFTER_SECONDS + " s"));
    }

    @Override
    public String toString() {
        return "throttling " + throttle.profile() + "; expensive requests: " + admission;
    }
}
