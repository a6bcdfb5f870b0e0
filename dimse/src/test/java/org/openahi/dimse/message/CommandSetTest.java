package org.openahi.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;

class CommandSetTest {

    private static Dataset storeRequest() {
        Dataset command = new Dataset();
        command.putStrings(Command.AffectedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        command.putLongs(Command.CommandField, VR.US, Command.C_STORE_RQ);
        command.putLongs(Command.MessageID, VR.US, 7);
        command.putLongs(Command.Priority, VR.US, Command.MEDIUM);
        command.putLongs(Command.CommandDataSetType, VR.US, Command.DATA_SET);
        command.putStrings(Command.AffectedSOPInstanceUID, VR.UI, "1.2.3.4.5");
        command.putStrings(Command.MoveOriginatorApplicationEntityTitle, VR.AE, "MOVER");
        return command;
    }

    @Test
    void aCommandSetRoundTripsInImplicitLittleEndianWithItsGroupLength() throws Exception {
        byte[] bytes = CommandSet.encode(storeRequest());
        assertThat(bytes.length % 2).isZero();
        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0, 0, 0, 0, 4, 0, 0, 0);
        assertThat((bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8).isEqualTo(bytes.length - 12);
        Dataset read = CommandSet.decode(bytes);
        assertThat(CommandSet.commandField(read)).isEqualTo(Command.C_STORE_RQ);
        assertThat(read.getInt(Command.MessageID, -1)).isEqualTo(7);
        assertThat(read.getString(Command.AffectedSOPInstanceUID)).isEqualTo("1.2.3.4.5");
        assertThat(read.getString(Command.MoveOriginatorApplicationEntityTitle)).isEqualTo("MOVER");
        assertThat(read.get(Command.AffectedSOPInstanceUID).vr()).isEqualTo(VR.UI);
        assertThat(CommandSet.hasDataSet(read)).isTrue();
    }

    @Test
    void malformedCommandSetsAreNamed() {
        byte[] good = CommandSet.encode(storeRequest());
        assertThatThrownBy(() -> CommandSet.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(MalformedCommandException.class);
        byte[] wrongLength = good.clone();
        wrongLength[8]++;
        assertThatThrownBy(() -> CommandSet.decode(wrongLength)).hasMessageContaining("Command Group Length");
        byte[] otherGroup = {8, 0, 0x18, 0, 2, 0, 0, 0, '1', 0};
        assertThatThrownBy(() -> CommandSet.decode(otherGroup)).hasMessageContaining("(0008,0018)");
        byte[] noField = {0, 0, 0x10, 1, 2, 0, 0, 0, 1, 0};
        assertThatThrownBy(() -> CommandSet.decode(noField)).hasMessageContaining("without Command Field");
        byte[] oddUs = {0, 0, 0, 1, 3, 0, 0, 0, 1, 0, 0};
        assertThatThrownBy(() -> CommandSet.decode(oddUs)).hasMessageContaining("US of 3 bytes");
    }
}
