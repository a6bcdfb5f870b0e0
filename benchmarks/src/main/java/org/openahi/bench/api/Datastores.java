package org.openahi.bench.api;

import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreStatus;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreSummary;

/** Finds the data store a seeding tool left for a benchmark, by its name. */
final class Datastores {
    private Datastores() {}

    static String idOf(MedicalImagingClient client, String name) {
        var matches =
                client
                        .listDatastoresPaginator(r -> r.datastoreStatus(DatastoreStatus.ACTIVE))
                        .datastoreSummaries()
                        .stream()
                        .filter(datastore -> name.equals(datastore.datastoreName()))
                        .map(DatastoreSummary::datastoreId)
                        .toList();
        if (matches.size() != 1) {
            throw new IllegalStateException("Expected one ACTIVE data store named '" + name + "', found "
                    + matches.size() + "; benchmarks/history-load.sh seeds it");
        }
        return matches.get(0);
    }
}
