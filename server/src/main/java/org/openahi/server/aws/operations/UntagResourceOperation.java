package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.tag.TagService;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

public final class UntagResourceOperation implements OperationHandler {
    private static final InputMember RESOURCE_ARN = InputMember.of("resourceArn");
    private static final InputMember TAG_KEYS = InputMember.of("tagKeys");
    private final TagService tags;

    public UntagResourceOperation(TagService tags) {
        this.tags = tags;
    }

    @Override
    public String operation() {
        return "UntagResource";
    }

    @Override
    public ObjectNode handle(Input input) {
        tags.untag(input.string(RESOURCE_ARN), input.stringList(TAG_KEYS));
        return JsonNodeFactory.instance.objectNode();
    }
}
