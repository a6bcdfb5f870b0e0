package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.tag.TagService;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

public final class TagResourceOperation implements OperationHandler {
    private static final InputMember RESOURCE_ARN = InputMember.of("resourceArn");
    private static final InputMember TAGS = InputMember.of("tags");
    private final TagService tags;

    public TagResourceOperation(TagService tags) {
        this.tags = tags;
    }

    @Override
    public String operation() {
        return "TagResource";
    }

    @Override
    public ObjectNode handle(Input input) {
        tags.tag(input.string(RESOURCE_ARN), input.stringMap(TAGS));
        return JsonNodeFactory.instance.objectNode();
    }
}
