package org.openahi.core.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openahi.core.error.AccessDenied;

/**
 * IAM's evaluation of identity policies, for any front door (the AHI API, DICOMweb, DIMSE): for each resource of
 * the request, an explicit Deny in any statement that covers it wins, else an Allow allows, else it is denied; the
 * request is allowed only when every resource is.
 */
public final class Authorizer {
    private Authorizer() {}

    public enum Outcome {
        ALLOWED,
        IMPLICIT_DENY,
        EXPLICIT_DENY
    }

    /** The outcome, and the first resource that was not allowed (null when allowed). */
    public record Decision(Outcome outcome, String deniedResource) {
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    public static Decision decide(Principal principal, AccessRequest request) {
        List<Statement> statements = principal.policies().stream()
                .flatMap(policy -> policy.statements().stream())
                .filter(statement -> statement.coversAction(request.action()))
                .toList();
        boolean readsTags = statements.stream().anyMatch(Statement::readsResourceTags);
        for (AccessRequest.Resource resource : request.resources()) {
            Map<String, List<String>> context = readsTags ? withTags(request.context(), resource) : request.context();
            List<Statement> covering = statements.stream()
                    .filter(s -> s.coversResource(resource.arn()))
                    .toList();
            if (covering.stream().anyMatch(s -> !s.allow() && s.conditionsHold(context))) {
                return new Decision(Outcome.EXPLICIT_DENY, resource.arn());
            }
            if (covering.stream().noneMatch(s -> s.allow() && s.conditionsHold(context))) {
                return new Decision(Outcome.IMPLICIT_DENY, resource.arn());
            }
        }
        return new Decision(Outcome.ALLOWED, null);
    }

    /** Returns when the request is allowed; an {@link AccessDenied} worded as AWS words it otherwise. */
    public static void check(Principal principal, AccessRequest request) {
        Decision decision = decide(principal, request);
        if (!decision.allowed()) {
            throw new AccessDenied("User: " + principal.arn() + " is not authorized to perform: " + request.action()
                    + " on resource: " + decision.deniedResource()
                    + (decision.outcome() == Outcome.EXPLICIT_DENY
                            ? " with an explicit deny in an identity-based policy"
                            : " because no identity-based policy allows the " + request.action() + " action"));
        }
    }

    private static Map<String, List<String>> withTags(
            Map<String, List<String>> context, AccessRequest.Resource resource) {
        Map<String, List<String>> merged = new HashMap<>(context);
        resource.tags()
                .get()
                .forEach((key, value) -> merged.put(AccessRequest.key(Policy.RESOURCE_TAG + key), List.of(value)));
        return merged;
    }
}
