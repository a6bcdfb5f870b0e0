package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.tag.TagService;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

public final class ListTagsForResourceOperation implements OperationHandler {
    private static final InputMember RESOURCE_ARN = InputMember.of("resourceArn");
    private final TagService tags;

    public ListTagsForResourceOperation(TagService tags) {
        this.tags = tags;
    }

    @Override
    public String operation() {
        return "ListTagsForResource";
    }

    @Override
    public ObjectNode handle(Input input) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ObjectNode map = output.putObject("tags");
        tags.list(input.string(RESOURCE_ARN)).forEach(map::put);
        return output;
    }
}
