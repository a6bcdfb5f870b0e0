package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.tag.TagService;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;

public final class UntagResourceOperation implements OperationHandler {
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
    tags.untag(input.string("resourceArn"), input.stringList("tagKeys"));
    return JsonNodeFactory.instance.objectNode();
  }
}
