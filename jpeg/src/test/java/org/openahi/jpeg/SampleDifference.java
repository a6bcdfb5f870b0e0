package org.openahi.jpeg;

/** How far two decodings of the same frame are apart: the largest sample difference and how many samples differ. */
record SampleDifference(int max, long count, long samples) {

    static SampleDifference of(byte[] ours, byte[] theirs, int bytesPerSample) {
        if (ours.length != theirs.length) {
            throw new AssertionError(
                    "decoded sizes differ: " + ours.length + " bytes here, " + theirs.length + " from the oracle");
        }
        int max = 0;
        long count = 0;
        for (int i = 0; i < ours.length; i += bytesPerSample) {
            int a = bytesPerSample == 1 ? ours[i] & 0xFF : (ours[i] & 0xFF) | (ours[i + 1] & 0xFF) << 8;
            int b = bytesPerSample == 1 ? theirs[i] & 0xFF : (theirs[i] & 0xFF) | (theirs[i + 1] & 0xFF) << 8;
            if (a != b) {
                max = Math.max(max, Math.abs(a - b));
                count++;
            }
        }
        return new SampleDifference(max, count, ours.length / bytesPerSample);
    }

    SampleDifference plus(SampleDifference other) {
        return new SampleDifference(Math.max(max, other.max), count + other.count, samples + other.samples);
    }

    @Override
    public String toString() {
        return "max difference " + max + ", " + count + " of " + samples + " samples differ";
    }
}
