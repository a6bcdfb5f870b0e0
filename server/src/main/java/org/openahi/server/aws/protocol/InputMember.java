package org.openahi.server.aws.protocol;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.Shape;

/**
 * A member of an operation's input as a handler reads it: its path from the input structure, each step named as in
 * the service model ({@code copyImageSetInformation}, {@code sourceImageSet}, {@code latestVersionId}); a step into
 * a list or map goes to its elements. Handlers declare the members they read as static constants, and
 * {@link #check} compares them with the vendored model when the server starts, so a misspelt name fails the start
 * instead of silently reading nothing.
 */
public record InputMember(List<String> path) {
    public InputMember {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("An input member needs a name");
        }
    }

    public static InputMember of(String... path) {
        return new InputMember(List.of(path));
    }

    /** The last step's name: what a handler reads from the JSON node of the step before. */
    public String name() {
        return path.getLast();
    }

    @Override
    public String toString() {
        return String.join(".", path);
    }

    /** The InputMember constants {@code handler} declares, each checked against its operation's input shape. */
    public static void check(ServiceModel model, OperationHandler handler) {
        String operation = handler.operation();
        List<String> unknown = new ArrayList<>();
        Shape input = model.operation(operation).inputShape().map(model::shape).orElse(null);
        for (InputMember member : declaredBy(handler.getClass())) {
            if (input == null || !member.existsIn(model, input)) {
                unknown.add(member.toString());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(handler.getClass().getSimpleName() + " reads input members that "
                    + operation + "'s input shape does not have: " + unknown);
        }
    }

    private boolean existsIn(ServiceModel model, Shape structure) {
        Shape shape = structure;
        for (String step : path) {
            shape = elements(model, shape);
            Shape.Member member = shape.members().get(step);
            if (member == null) {
                return false;
            }
            shape = model.shape(member.shape());
        }
        return true;
    }

    /** Lists and maps are stepped through to what they hold. */
    private static Shape elements(ServiceModel model, Shape shape) {
        Shape current = shape;
        while (current.type() == Shape.Type.LIST || current.type() == Shape.Type.MAP) {
            current = model.shape(
                    current.type() == Shape.Type.LIST
                            ? current.listMember().orElseThrow()
                            : current.mapValue().orElseThrow());
        }
        return current;
    }

    private static List<InputMember> declaredBy(Class<?> type) {
        List<InputMember> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (field.getType() == InputMember.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    field.setAccessible(true);
                    members.add((InputMember) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read " + type.getSimpleName() + "." + field.getName(), e);
                }
            }
        }
        return members;
    }
}
