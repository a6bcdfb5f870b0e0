package org.openahi.jpeg.markers;

/** The marker codes of T.81 Table B.1 (the byte after 0xFF) that the decoder acts on, and their names for messages. */
public final class Markers {

    public static final int TEM = 0x01;
    public static final int SOF0 = 0xC0;
    public static final int SOF1 = 0xC1;
    public static final int SOF2 = 0xC2;
    public static final int SOF3 = 0xC3;
    public static final int DHT = 0xC4;
    public static final int JPG = 0xC8;
    public static final int DAC = 0xCC;
    public static final int RST0 = 0xD0;
    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int DQT = 0xDB;
    public static final int DNL = 0xDC;
    public static final int DRI = 0xDD;
    public static final int DHP = 0xDE;
    public static final int EXP = 0xDF;
    public static final int APP0 = 0xE0;
    public static final int APP14 = 0xEE;
    public static final int COM = 0xFE;

    private Markers() {}

    /** A start-of-frame marker: SOF0 to SOF15 except DHT, JPG and DAC, which share the range. */
    public static boolean isSof(int code) {
        return code >= SOF0 && code <= 0xCF && code != DHT && code != JPG && code != DAC;
    }

    public static boolean isRst(int code) {
        return code >= RST0 && code <= RST0 + 7;
    }

    /** Markers without a length field. */
    public static boolean standalone(int code) {
        return code == TEM || isRst(code) || code == SOI || code == EOI;
    }

    /** The marker's name as T.81 writes it, e.g. {@code SOF3}, {@code RST5}, {@code APP14}, or its hex code. */
    public static String name(int code) {
        if (isSof(code)) {
            return "SOF" + (code - SOF0);
        }
        if (isRst(code)) {
            return "RST" + (code - RST0);
        }
        if (code >= APP0 && code <= APP0 + 15) {
            return "APP" + (code - APP0);
        }
        return switch (code) {
            case TEM -> "TEM";
            case DHT -> "DHT";
            case JPG -> "JPG";
            case DAC -> "DAC";
            case SOI -> "SOI";
            case EOI -> "EOI";
            case SOS -> "SOS";
            case DQT -> "DQT";
            case DNL -> "DNL";
            case DRI -> "DRI";
            case DHP -> "DHP";
            case EXP -> "EXP";
            case COM -> "COM";
            default -> String.format("marker 0xFF%02X", code);
        };
    }
}
