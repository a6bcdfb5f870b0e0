package org.openahi.server.aws.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.server.aws.model.OperationModel;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.UriTemplate;

/** Finds the operation for a method and raw path from the model's request URIs; the Host is never consulted. */
public final class Router {
    public record Route(OperationModel operation, Map<String, String> rawLabels) {}

    private final List<OperationModel> operations;

    public Router(ServiceModel model) {
        // More literal segments first, so a literal never loses to a label in the same position.
        this.operations = model.operations().values().stream()
                .sorted(Comparator.comparingInt((OperationModel op) -> op.uri().literalSegments())
                        .reversed())
                .toList();
    }

    public Optional<Route> route(String method, String rawPath) {
        List<String> segments = UriTemplate.segments(rawPath);
        for (OperationModel operation : operations) {
            if (operation.httpMethod().equals(method)) {
                Optional<Map<String, String>> labels = operation.uri().match(segments);
                if (labels.isPresent()) {
                    return Optional.of(new Route(operation, labels.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** True when some operation answers this path with another method (so the answer is 405, not 404). */
    public boolean pathExists(String rawPath) {
        List<String> segments = UriTemplate.segments(rawPath);
        return operations.stream()
                .anyMatch(operation -> operation.uri().match(segments).isPresent());
    }
}
