package org.openahi.htj2k.tier2;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.codestream.ComponentLayout;
import org.openahi.htj2k.codestream.ComponentLayout.Resolution;
import org.openahi.htj2k.codestream.ProgressionChange;
import org.openahi.htj2k.codestream.Siz;

/**
 * The order of a tile's packets (T.800 B.12): each precinct of each resolution of each component is an entry, and
 * each packet is an entry and a layer. The position-driven orders (RPCL, PCRL, CPRL) place a precinct where the
 * standard's sweep over the reference grid first meets it, so sorting entries by that point reproduces the sweep.
 * Progression changes (POC) run first, each packet once, and the coding style's order finishes what they leave.
 */
final class PacketSequence {

    /** More precincts than this in one tile are refused. */
    static final int MAX_PRECINCTS = 1 << 20;

    static final int LRCP = 0;
    static final int RLCP = 1;
    static final int RPCL = 2;
    static final int PCRL = 3;
    static final int CPRL = 4;

    /** Entry index of precinct 0 of component c, resolution r: {@code base[c][r]}. */
    final int[][] base;

    final int entries;
    private final int[] entryComponent;
    private final int[] entryResolution;
    private final long[] entryX;
    private final long[] entryY;

    private int[] packetEntry = new int[64];
    private int[] packetLayer = new int[64];
    private int packets;
    private final int[] nextLayer;
    private final int maxPackets;
    private boolean cut;

    PacketSequence(Siz siz, int[] tile, ComponentLayout[] layouts, int maxPackets) throws Htj2kException {
        this.maxPackets = maxPackets;
        int components = layouts.length;
        base = new int[components][];
        long total = 0;
        for (int c = 0; c < components; c++) {
            Resolution[] rs = layouts[c].resolutions();
            base[c] = new int[rs.length];
            for (int r = 0; r < rs.length; r++) {
                base[c][r] = (int) Math.min(total, Integer.MAX_VALUE);
                total += rs[r].precinctCount();
            }
        }
        if (total > MAX_PRECINCTS) {
            throw new Htj2kException(0x0207, "tile has " + total + " precincts, more than " + MAX_PRECINCTS);
        }
        entries = (int) total;
        entryComponent = new int[entries];
        entryResolution = new int[entries];
        entryX = new long[entries];
        entryY = new long[entries];
        nextLayer = new int[entries];
        for (int c = 0; c < components; c++) {
            Siz.Component comp = siz.components().get(c);
            Resolution[] rs = layouts[c].resolutions();
            int levels = rs.length - 1;
            for (int r = 0; r < rs.length; r++) {
                Resolution res = rs[r];
                long scaleX = (long) comp.dx() << (levels - r);
                long scaleY = (long) comp.dy() << (levels - r);
                for (int k = 0; k < res.precinctCount(); k++) {
                    int e = base[c][r] + k;
                    int i = k % res.precinctsWide();
                    int j = k / res.precinctsWide();
                    long px = (long) (res.precinctX0() + i) << res.ppx();
                    long py = (long) (res.precinctY0() + j) << res.ppy();
                    entryComponent[e] = c;
                    entryResolution[e] = r;
                    entryX[e] = i == 0 && px < res.x0() ? tile[0] : scaleX * px;
                    entryY[e] = j == 0 && py < res.y0() ? tile[1] : scaleY * py;
                }
            }
        }
    }

    /** Builds the sequence for the tile's progression, layers and progression changes. */
    void build(int progression, int layers, List<ProgressionChange> changes, int components, int maxResolutions) {
        for (ProgressionChange ch : changes) {
            add(
                    ch.order(),
                    ch.resolutionStart(),
                    ch.resolutionEnd(),
                    ch.componentStart(),
                    Math.min(ch.componentEnd(), components),
                    Math.min(ch.layerEnd(), layers));
        }
        add(progression, 0, maxResolutions, 0, components, layers);
    }

    private void add(int order, int rStart, int rEnd, int cStart, int cEnd, int layerEnd) {
        if (cut) {
            return;
        }
        Integer[] chosen = select(rStart, rEnd, cStart, cEnd);
        switch (order) {
            case LRCP -> {
                sort(chosen, Comparator.comparingInt(e -> entryResolution[e]), byComponent(), byIndex());
                for (int l = 0; l < layerEnd && !cut; l++) {
                    for (int e : chosen) {
                        emit(e, l);
                    }
                }
            }
            case RLCP -> {
                for (int r = rStart; r < rEnd && !cut; r++) {
                    final int res = r;
                    Integer[] inRes = Arrays.stream(chosen)
                            .filter(e -> entryResolution[e] == res)
                            .toArray(Integer[]::new);
                    sort(inRes, byComponent(), byIndex());
                    for (int l = 0; l < layerEnd && !cut; l++) {
                        for (int e : inRes) {
                            emit(e, l);
                        }
                    }
                }
            }
            case RPCL ->
                allLayers(
                        chosen,
                        layerEnd,
                        Comparator.comparingInt(e -> entryResolution[e]),
                        byY(),
                        byX(),
                        byComponent());
            case PCRL ->
                allLayers(
                        chosen,
                        layerEnd,
                        byY(),
                        byX(),
                        byComponent(),
                        Comparator.comparingInt(e -> entryResolution[e]));
            default ->
                allLayers(
                        chosen,
                        layerEnd,
                        byComponent(),
                        byY(),
                        byX(),
                        Comparator.comparingInt(e -> entryResolution[e]));
        }
    }

    @SafeVarargs
    private void allLayers(Integer[] chosen, int layerEnd, Comparator<Integer>... keys) {
        sort(chosen, keys);
        for (int e : chosen) {
            for (int l = 0; l < layerEnd && !cut; l++) {
                emit(e, l);
            }
        }
    }

    private Integer[] select(int rStart, int rEnd, int cStart, int cEnd) {
        return java.util.stream.IntStream.range(0, entries)
                .filter(e -> entryComponent[e] >= cStart
                        && entryComponent[e] < cEnd
                        && entryResolution[e] >= rStart
                        && entryResolution[e] < rEnd)
                .boxed()
                .toArray(Integer[]::new);
    }

    @SafeVarargs
    private static void sort(Integer[] chosen, Comparator<Integer>... keys) {
        Comparator<Integer> order = keys[0];
        for (int i = 1; i < keys.length; i++) {
            order = order.thenComparing(keys[i]);
        }
        Arrays.sort(chosen, order.thenComparing(byIndex()));
    }

    private Comparator<Integer> byComponent() {
        return Comparator.comparingInt(e -> entryComponent[e]);
    }

    private Comparator<Integer> byY() {
        return Comparator.comparingLong(e -> entryY[e]);
    }

    private Comparator<Integer> byX() {
        return Comparator.comparingLong(e -> entryX[e]);
    }

    private static Comparator<Integer> byIndex() {
        return Comparator.naturalOrder();
    }

    /** Adds the packet when it is the entry's next layer, so no packet comes twice. */
    private void emit(int entry, int layer) {
        if (nextLayer[entry] != layer || cut) {
            return;
        }
        if (packets == maxPackets) {
            cut = true;
            return;
        }
        nextLayer[entry]++;
        if (packets == packetEntry.length) {
            packetEntry = Arrays.copyOf(packetEntry, packets * 2);
            packetLayer = Arrays.copyOf(packetLayer, packets * 2);
        }
        packetEntry[packets] = entry;
        packetLayer[packets] = layer;
        packets++;
    }

    int size() {
        return packets;
    }

    /** True when the tile has more packets than its data could hold, so the sequence stops early. */
    boolean cut() {
        return cut;
    }

    int entry(int packet) {
        return packetEntry[packet];
    }

    int layer(int packet) {
        return packetLayer[packet];
    }

    int component(int entry) {
        return entryComponent[entry];
    }

    int resolution(int entry) {
        return entryResolution[entry];
    }
}
