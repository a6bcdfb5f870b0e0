package org.openahi.bench.api;

import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/** GetDatastore of one data store, or ListDatastores of all (one page), once {@code count} data stores exist. */
final class DatastoreWorkloads {
    private DatastoreWorkloads() {}

    static Workload of(MedicalImagingClient client, SignedRequests requests, String operation, int count) {
        int existing = client.listDatastores(r -> r.maxResults(50))
                .datastoreSummaries()
                .size();
        for (int i = existing; i < count; i++) {
            client.createDatastore(r -> r.datastoreName("load"));
        }
        String what = String.format("%d data stores", Math.max(existing, count));
        if (operation.equals("ListDatastores")) {
            return new Workload(operation, what, () -> requests.get("/datastore"));
        }
        String path = "/datastore/"
                + client.listDatastores(r -> r.maxResults(1))
                        .datastoreSummaries()
                        .get(0)
                        .datastoreId();
        return new Workload(operation, "one of " + what, () -> requests.get(path));
    }
}
