package org.openahi.server.aws.model;

import java.util.List;
import java.util.Optional;

/** One operation of the service model: its HTTP binding, shapes and the errors it may return. */
public record OperationModel(
        String name,
        String httpMethod,
        UriTemplate uri,
        Optional<String> hostPrefix,
        Optional<String> inputShape,
        Optional<String> outputShape,
        List<String> errors) {}
