package org.openahi.dimse.ul;

import java.time.Duration;
import java.util.Map;

/**
 * One association from start to end, for its log line: who (AE titles, address, role), what was agreed (contexts
 * accepted of those proposed), what was done (requests performed by service and status, requests invoked on the
 * peer), bytes of PDUs both ways, how long, and how it ended.
 */
public record AssociationSummary(
        String id,
        Association.Role role,
        String callingAeTitle,
        String calledAeTitle,
        String peer,
        int contextsAccepted,
        int contextsProposed,
        Map<String, Integer> performed,
        Map<String, Integer> invoked,
        long bytesIn,
        long bytesOut,
        Duration duration,
        String outcome) {
    public AssociationSummary {
        performed = Map.copyOf(performed);
        invoked = Map.copyOf(invoked);
    }

    /** The log line's text. */
    @Override
    public String toString() {
        return "association " + id + " " + role.name().toLowerCase(java.util.Locale.ROOT) + " " + callingAeTitle
                + " -> "
                + calledAeTitle + " peer " + peer + " contexts " + contextsAccepted + "/" + contextsProposed
                + " performed "
                + new java.util.TreeMap<>(performed) + " invoked " + new java.util.TreeMap<>(invoked) + " bytes in "
                + bytesIn
                + " out " + bytesOut + " duration " + duration.toMillis() + " ms outcome " + outcome;
    }
}
