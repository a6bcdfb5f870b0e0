package org.openahi.core.access;

import java.util.List;
import java.util.Map;

/**
 * One statement of an IAM policy: its effect, the actions (or NotAction) and resources (or NotResource) it covers,
 * and its conditions, all of which must hold. Actions match case-insensitively, resources case-sensitively.
 */
record Statement(
        String sid,
        boolean allow,
        List<String> actions,
        boolean notAction,
        List<String> resources,
        boolean notResource,
        List<Condition> conditions) {

    boolean coversAction(String action) {
        return notAction != actions.stream().anyMatch(pattern -> Wildcard.matches(pattern, action, true));
    }

    boolean coversResource(String arn) {
        return notResource != resources.stream().anyMatch(pattern -> Wildcard.matches(pattern, arn, false));
    }

    boolean conditionsHold(Map<String, List<String>> context) {
        return conditions.stream().allMatch(condition -> condition.holds(context));
    }

    /** Whether any condition reads a resource's tags, which are then looked up. */
    boolean readsResourceTags() {
        return conditions.stream().anyMatch(condition -> condition.key().startsWith(Policy.RESOURCE_TAG));
    }
}
