package dev.feedctl.cli;

/**
 * How {@link StreamPump} cuts its text into writes: whole lines, at most {@link #ATOMIC_BYTES} of UTF-8 each, so a
 * pipe takes each write whole or not at all and a line counts as written exactly when its write returned.
 */
final class PipeChunks {

    /** Bytes a pipe takes in one write whole or not at all (PIPE_BUF: 4096 on Linux; POSIX promises 512). */
    static final int ATOMIC_BYTES = 4096;

    private PipeChunks() {
    }

    /**
     * The end of the longest run of whole lines from {@code from} whose UTF-8 fits in {@link #ATOMIC_BYTES} (a char
     * is counted as 3 bytes unless ASCII or 2-byte: never under); a longer single line goes alone.
     */
    static int end(CharSequence text, int from) {
        int bytes = 0;
        int lastLineEnd = -1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes > ATOMIC_BYTES && lastLineEnd > 0) {
                return lastLineEnd;
            }
            if (c == '\n') {
                lastLineEnd = i + 1;
                if (bytes >= ATOMIC_BYTES) {
                    return lastLineEnd;
                }
            }
        }
        return text.length();
    }

    /** Lines (newlines) in {@code text[from, to)}. */
    static long lines(CharSequence text, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
