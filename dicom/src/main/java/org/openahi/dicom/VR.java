package org.openahi.dicom;

/** Value Representations of PS3.5 §6.2, with the encoding properties the reader, writer and JSON need. */
public enum VR {
    AE(Kind.TEXT, 0, false, false, true),
    AS(Kind.TEXT, 0, false, false, true),
    AT(Kind.TAG, 4, false, false, true),
    CS(Kind.TEXT, 0, false, false, true),
    DA(Kind.TEXT, 0, false, false, true),
    DS(Kind.DECIMAL_STRING, 0, false, false, true),
    DT(Kind.TEXT, 0, false, false, true),
    FD(Kind.FLOAT, 8, false, false, true),
    FL(Kind.FLOAT, 4, false, false, true),
    IS(Kind.INTEGER_STRING, 0, false, false, true),
    LO(Kind.TEXT, 0, false, true, true),
    LT(Kind.TEXT, 0, false, true, false),
    OB(Kind.BYTES, 1, true, false, false),
    OD(Kind.BYTES, 8, true, false, false),
    OF(Kind.BYTES, 4, true, false, false),
    OL(Kind.BYTES, 4, true, false, false),
    OV(Kind.BYTES, 8, true, false, false),
    OW(Kind.BYTES, 2, true, false, false),
    PN(Kind.PERSON_NAME, 0, false, true, true),
    SH(Kind.TEXT, 0, false, true, true),
    SL(Kind.INTEGER, 4, false, false, true),
    SQ(Kind.SEQUENCE, 0, true, false, false),
    SS(Kind.INTEGER, 2, false, false, true),
    ST(Kind.TEXT, 0, false, true, false),
    SV(Kind.INTEGER, 8, true, false, true),
    TM(Kind.TEXT, 0, false, false, true),
    UC(Kind.TEXT, 0, true, true, true),
    UI(Kind.TEXT, 0, false, false, true),
    UL(Kind.INTEGER, 4, false, false, true),
    UN(Kind.BYTES, 1, true, false, false),
    UR(Kind.TEXT, 0, true, false, false),
    US(Kind.INTEGER, 2, false, false, true),
    UT(Kind.TEXT, 0, true, true, false),
    UV(Kind.INTEGER, 8, true, false, true);

    /** What a value of this VR is, for code that walks elements. */
    public enum Kind {
        /** Character string; {@link Element#strings} gives the values. */
        TEXT,
        /** Person name; {@link Element#personNames} gives the values split into component groups. */
        PERSON_NAME,
        /** Decimal String: text holding decimal numbers ({@link Element#doubles}). */
        DECIMAL_STRING,
        /** Integer String: text holding integers ({@link Element#longs}). */
        INTEGER_STRING,
        /** Binary integers US, SS, UL, SL, UV, SV ({@link Element#longs}). */
        INTEGER,
        /** Binary floating point FL, FD ({@link Element#doubles}). */
        FLOAT,
        /** Attribute Tag: pairs of 16-bit numbers ({@link Element#longs} gives each tag as one number). */
        TAG,
        /** Other/unknown byte streams OB, OD, OF, OL, OV, OW, UN ({@link Element#bytes} or {@link Element#bulkData}). */
        BYTES,
        /** Sequence of items ({@link Element#items}). */
        SEQUENCE
    }

    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            BY_CODE[(vr.name().charAt(0) - 'A') * 26 + vr.name().charAt(1) - 'A'] = vr;
        }
    }

    private final Kind kind;
    private final int unitSize;
    private final boolean longHeader;
    private final boolean specificCharacterSet;
    private final boolean multiValued;

    VR(Kind kind, int unitSize, boolean longHeader, boolean specificCharacterSet, boolean multiValued) {
        this.kind = kind;
        this.unitSize = unitSize;
        this.longHeader = longHeader;
        this.specificCharacterSet = specificCharacterSet;
        this.multiValued = multiValued;
    }

    /** The VR whose two-letter code is these bytes, or {@code null} when the bytes are no VR. */
    public static VR of(int first, int second) {
        int a = first - 'A';
        int b = second - 'A';
        return a < 0 || a >= 26 || b < 0 || b >= 26 ? null : BY_CODE[a * 26 + b];
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes per binary value (the unit byte order applies to), 0 for text and sequences. */
    public int unitSize() {
        return unitSize;
    }

    /** Explicit VR header with two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
    public boolean longHeader() {
        return longHeader;
    }

    /** Text decoded with the Specific Character Set (SH, LO, UC, ST, LT, UT, PN); other text is ASCII. */
    public boolean usesSpecificCharacterSet() {
        return specificCharacterSet;
    }

    /** Values may be separated by backslash (text) or repeated (binary numbers). */
    public boolean multiValued() {
        return multiValued;
    }

    public boolean isText() {
        return kind == Kind.TEXT
                || kind == Kind.PERSON_NAME
                || kind == Kind.DECIMAL_STRING
                || kind == Kind.INTEGER_STRING;
    }

    /** Byte that pads a value of odd length to even length (PS3.5 §6.2). */
    public byte paddingByte() {
        return isText() && this != UI ? (byte) ' ' : 0;
    }
}
