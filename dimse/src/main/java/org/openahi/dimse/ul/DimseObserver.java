package org.openahi.dimse.ul;

import java.time.Duration;

/** What associations report as they work: each request performed, and each association's end (metrics, logs). */
public interface DimseObserver {

    /** A request of {@code service} (e.g. C-STORE) got its final response {@code status} after {@code elapsed}. */
    void performed(String service, int status, Duration elapsed);

    /** An association (or an attempt at one) ended. */
    void ended(AssociationSummary summary);

    DimseObserver NONE = new DimseObserver() {
        @Override
        public void performed(String service, int status, Duration elapsed) {}

        @Override
        public void ended(AssociationSummary summary) {}
    };
}
