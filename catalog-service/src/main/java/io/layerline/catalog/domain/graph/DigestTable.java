package io.layerline.catalog.domain.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives every digest a dense id, 0, 1, 2…, and the id back its digest. A {@code sha256:} digest is kept as its 32
 * bytes in four longs, about 40 bytes with its slot in the table instead of some 160 for a string in a hash map; a
 * million images fit in a few tens of megabytes. Anything else (never written by a producer, but a graph takes any
 * text) is kept as it is. Not thread-safe.
 */
final class DigestTable {

    private static final String SHA256 = "sha256:";
    private static final int HEX_LENGTH = 64;
    private static final int WORDS = 4;

    /** Four words per id; zero for an id that is not a sha256 digest. */
    private long[] words = new long[WORDS * 1024];
    /** Open addressing, linear probing: id + 1 of the sha256 digest hashed there, 0 where empty. */
    private int[] slots = new int[2048];
    private final Map<String, Integer> otherIds = new HashMap<>();
    private final Map<Integer, String> otherById = new HashMap<>();
    private int size;

    /** How many digests have an id. */
    int size() {
        return size;
    }

    /** The id of {@code digest}, given now if it had none. */
    int idOf(String digest) {
        int known = find(digest);
        if (known >= 0) {
            return known;
        }
        int id = size++;
        long[] parsed = parse(digest);
        if (parsed == null) {
            otherIds.put(digest, id);
            otherById.put(id, digest);
            return id;
        }
        if (words.length < WORDS * size) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        System.arraycopy(parsed, 0, words, WORDS * id, WORDS);
        if (2 * (size - otherIds.size()) > slots.length) {
            rehash(slots.length * 2);
        } else {
            place(id);
        }
        return id;
    }

    /** The id of {@code digest}, or -1 when it has none. */
    int find(String digest) {
        long[] parsed = parse(digest);
        if (parsed == null) {
            Integer id = otherIds.get(digest);
            return id == null ? -1 : id;
        }
        int mask = slots.length - 1;
        for (int slot = hash(parsed, 0) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int id = slots[slot] - 1;
            if (sameWords(id, parsed)) {
                return id;
            }
        }
        return -1;
    }

    /** The digest of an id this table gave. */
    String digestOf(int id) {
        String other = otherById.get(id);
        if (other != null) {
            return other;
        }
        char[] text = new char[SHA256.length() + HEX_LENGTH];
        SHA256.getChars(0, SHA256.length(), text, 0);
        int at = SHA256.length();
        for (int word = 0; word < WORDS; word++) {
            long value = words[WORDS * id + word];
            for (int shift = 60; shift >= 0; shift -= 4) {
                text[at++] = Character.forDigit((int) (value >>> shift) & 0xf, 16);
            }
        }
        return new String(text);
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int id = 0; id < size; id++) {
            if (!otherById.containsKey(id)) {
                place(id);
            }
        }
    }

    private void place(int id) {
        int mask = slots.length - 1;
        int slot = hash(words, WORDS * id) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
    }

    private boolean sameWords(int id, long[] parsed) {
        for (int word = 0; word < WORDS; word++) {
            if (words[WORDS * id + word] != parsed[word]) {
                return false;
            }
        }
        return true;
    }

    /** Over all four words: digests made up by hand (tests, fixtures) often differ in their last digits only. */
    private static int hash(long[] words, int from) {
        long mixed = 0;
        for (int word = 0; word < WORDS; word++) {
            mixed = (mixed ^ words[from + word]) * 0x9E3779B97F4A7C15L;
            mixed ^= mixed >>> 29;
        }
        return (int) (mixed ^ (mixed >>> 32));
    }

    /** The four words of a {@code sha256:} digest in lower-case hex; null for any other text. */
    private static long[] parse(String digest) {
        if (digest.length() != SHA256.length() + HEX_LENGTH || !digest.startsWith(SHA256)) {
            return null;
        }
        long[] parsed = new long[WORDS];
        int at = SHA256.length();
        for (int word = 0; word < WORDS; word++) {
            long value = 0;
            for (int digit = 0; digit < 16; digit++) {
                char c = digest.charAt(at++);
                int nibble = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (nibble < 0) {
                    return null;
                }
                value = value << 4 | nibble;
            }
            parsed[word] = value;
        }
        return parsed;
    }
}
