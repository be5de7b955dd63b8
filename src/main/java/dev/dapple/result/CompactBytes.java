package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primitives of {@link RunDetailCodec}: unsigned LEB128 varints (a duration of 150 ms takes 3 bytes, a status 2)
 * and length-prefixed UTF-8 strings, where a nullable string stores its length + 1 so that 0 means null.
 */
final class CompactBytes {

    private CompactBytes() {
    }

    /** Appends to a growing array; one per encoded value. */
    static final class Writer {

        private byte[] bytes = new byte[128];
        private int size;

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        void write(byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        /** Negative values round-trip too, in 10 bytes. */
        void varLong(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            write((int) value);
        }

        void string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varLong(utf8.length);
            write(utf8);
        }

        void nullableString(@Nullable String text) {
            if (text == null) {
                write(0);
                return;
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varLong(utf8.length + 1L);
            write(utf8);
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Reads what a {@link Writer} wrote; running past the end is an {@link IllegalStateException}. */
    static final class Reader {

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            if (position >= bytes.length) {
                throw new IllegalStateException("stored run detail ends early, at byte " + position);
            }
            return bytes[position++] & 0xFF;
        }

        byte[] read(int length) {
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalStateException("stored run detail ends early: " + length + " bytes at " + position);
            }
            byte[] out = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return out;
        }

        long varLong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("stored run detail has a varint longer than 10 bytes at " + position);
        }

        int varInt() {
            long value = varLong();
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new IllegalStateException("stored run detail has an out-of-range count or length " + value);
            }
            return (int) value;
        }

        String string() {
            return new String(read(varInt()), StandardCharsets.UTF_8);
        }

        @Nullable String nullableString() {
            int length = varInt();
            return length == 0 ? null : new String(read(length - 1), StandardCharsets.UTF_8);
        }

        boolean atEnd() {
            return position == bytes.length;
        }
    }
}
