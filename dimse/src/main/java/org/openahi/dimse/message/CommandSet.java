package org.openahi.dimse.message;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;

/**
 * Command sets (PS3.7 §6.3): group 0000 elements in Implicit VR Little Endian, starting with the Command Group Length,
 * held as a {@link Dataset} whose elements carry the VRs of {@link Command}.
 */
public final class CommandSet {

    private CommandSet() {}

    /**
     * Decodes a received command set.
     *
     * @throws MalformedCommandException when it is not a flat sequence of group 0000 elements, lacks a Command Field
     *     or its group length disagrees with its size
     */
    public static Dataset decode(byte[] bytes) throws MalformedCommandException {
        Dataset command = new Dataset();
        int position = 0;
        while (position < bytes.length) {
            if (bytes.length - position < 8) {
                throw new MalformedCommandException("command set ends inside an element header at byte " + position);
            }
            int tag = Tags.of(u16(bytes, position), u16(bytes, position + 2));
            long length = u32(bytes, position + 4);
            position += 8;
            if (Tags.group(tag) != 0) {
                throw new MalformedCommandException(
                        Tags.format(tag) + " in a command set, which holds group 0000 only");
            }
            if (length > bytes.length - position) {
                throw new MalformedCommandException(
                        Tags.format(tag) + " of " + length + " bytes where " + (bytes.length - position) + " remain");
            }
            if (command.contains(tag)) {
                throw new MalformedCommandException(Tags.format(tag) + " twice in a command set");
            }
            VR vr = Command.VRS.getOrDefault(tag, VR.UN);
            byte[] value = Arrays.copyOfRange(bytes, position, position + (int) length);
            if (vr.unitSize() > 1 && value.length % vr.unitSize() != 0 || vr == VR.AT && value.length % 4 != 0) {
                throw new MalformedCommandException(Tags.format(tag) + " " + vr + " of " + value.length + " bytes");
            }
            command.put(Element.of(tag, vr, value));
            position += (int) length;
        }
        if (!command.contains(Command.CommandField)
                || command.get(Command.CommandField).length() != 2) {
            throw new MalformedCommandException("command set without Command Field");
        }
        if (command.contains(Command.CommandGroupLength)) {
            long declared = command.getLong(Command.CommandGroupLength, -1);
            long actual = bytes.length - 12;
            if (declared != actual) {
                throw new MalformedCommandException(
                        "Command Group Length " + declared + " but the group has " + actual + " bytes after it");
            }
        }
        return command;
    }

    /** Encodes a command set, its Command Group Length computed. */
    public static byte[] encode(Dataset command) {
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        for (Element element : command) {
            if (element.tag() == Command.CommandGroupLength) {
                continue;
            }
            byte[] value = element.bytes();
            int padded = value.length + (value.length & 1);
            header(group, element.tag(), padded);
            group.write(value, 0, value.length);
            if (padded != value.length) {
                group.write(element.vr().paddingByte());
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(group.size() + 12);
        header(all, Command.CommandGroupLength, 4);
        int length = group.size();
        all.write(length);
        all.write(length >>> 8);
        all.write(length >>> 16);
        all.write(length >>> 24);
        all.writeBytes(group.toByteArray());
        return all.toByteArray();
    }

    /** The Command Field. */
    public static int commandField(Dataset command) {
        return command.getInt(Command.CommandField, -1);
    }

    /** True when a data set follows the command. */
    public static boolean hasDataSet(Dataset command) {
        return command.getInt(Command.CommandDataSetType, Command.NO_DATA_SET) != Command.NO_DATA_SET;
    }

    private static void header(ByteArrayOutputStream out, int tag, int length) {
        int group = Tags.group(tag);
        int element = Tags.element(tag);
        out.write(group);
        out.write(group >>> 8);
        out.write(element);
        out.write(element >>> 8);
        out.write(length);
        out.write(length >>> 8);
        out.write(length >>> 16);
        out.write(length >>> 24);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
