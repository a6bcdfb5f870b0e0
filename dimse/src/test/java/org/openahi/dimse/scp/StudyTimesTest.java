package org.openahi.dimse.scp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;

class StudyTimesTest {

    @Test
    void endsWidenToTheirPrecisionAndASingleTimeIsItsOwnRange() {
        assertThat(StudyTimes.range("0800-1030"))
                .isEqualTo(new QidoQuery.InRange(
                        QidoQuery.Key.STUDY_TIME, Optional.of("0800"), Optional.of("103059.999999")));
        assertThat(StudyTimes.range("10"))
                .isEqualTo(new QidoQuery.InRange(
                        QidoQuery.Key.STUDY_TIME, Optional.of("10"), Optional.of("105959.999999")));
        assertThat(StudyTimes.range("-120000.5"))
                .isEqualTo(new QidoQuery.InRange(
                        QidoQuery.Key.STUDY_TIME, Optional.empty(), Optional.of("120000.599999")));
        assertThat(StudyTimes.range("2300-").to()).isEmpty();
    }

    @Test
    void whatIsNoTimeIsNamed() {
        assertThatThrownBy(() -> StudyTimes.range("25"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("'25'");
        assertThatThrownBy(() -> StudyTimes.range("-")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> StudyTimes.range("10:30")).isInstanceOf(InvalidRequest.class);
    }
}
